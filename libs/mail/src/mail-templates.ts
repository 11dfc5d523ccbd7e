import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';

/** The three parts of an e-mail, rendered from one template. */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Which part a render produces; templates and partials see it as `@part`. */
export type MailPart = keyof RenderedMail;

type Compiled = Handlebars.TemplateDelegate;

const PARTIALS_DIR = 'partials';

/**
 * A directory of Handlebars e-mail templates. Every `.hbs` file under `partials/` is a partial named
 * by its path without the extension (`partials/layout.hbs` → `layout`); every other `.hbs` file is a
 * template named the same way (`komet/order-confirmation.hbs` → `komet/order-confirmation`).
 *
 * A template is rendered three times, once per part, with `@part` set to `subject`, `text` or `html`;
 * the usual shape is a layout partial that picks what to show per part from inline partials the
 * template defines. HTML is escaped in the `html` part only: the subject and the plain-text part
 * take values verbatim, so a vendor's message reads the same as it was sent.
 *
 * Each directory gets its own pair of isolated Handlebars environments (`Handlebars.create()`), so
 * helpers and partials never leak between template sets or into the global instance.
 */
export class MailTemplates {
  private constructor(
    private readonly templates: ReadonlyMap<string, { readonly plain: Compiled; readonly html: Compiled }>,
  ) {}

  /** Reads and compiles every template of `directory`; fails at once on a syntax error. */
  static async load(directory: string): Promise<MailTemplates> {
    const files = await hbsFiles(directory);
    if (files.length === 0) throw new Error(`no .hbs templates in ${directory}`);
    const plain = environment();
    const html = environment();
    const templates = new Map<string, { plain: Compiled; html: Compiled }>();
    for (const file of files) {
      const source = await readFile(path.join(directory, file), 'utf8');
      const name = file.replace(/\.hbs$/, '').split(path.sep).join('/');
      try {
        // compile() is lazy: parsing here turns a syntax error into a boot failure, not a failed e-mail later.
        html.parse(source);
        if (name.startsWith(`${PARTIALS_DIR}/`)) {
          const partial = name.slice(PARTIALS_DIR.length + 1);
          plain.registerPartial(partial, plain.compile(source, { noEscape: true }));
          html.registerPartial(partial, html.compile(source));
        } else {
          templates.set(name, { plain: plain.compile(source, { noEscape: true }), html: html.compile(source) });
        }
      } catch (error) {
        throw new Error(`template ${file} in ${directory}: ${(error as Error).message}`, { cause: error });
      }
    }
    return new MailTemplates(templates);
  }

  /** The template names, e.g. `komet/order-confirmation`. */
  get names(): string[] {
    return [...this.templates.keys()].sort();
  }

  has(name: string): boolean {
    return this.templates.has(name);
  }

  /** Renders `name` with `context` into subject (one line), plain text and HTML. */
  render(name: string, context: object): RenderedMail {
    const template = this.templates.get(name);
    if (!template) throw new Error(`no mail template named ${name}`);
    const part = (which: MailPart, compiled: Compiled) => compiled(context, { data: { part: which } });
    return {
      // A header is one line: newlines in a value would otherwise end up as folded garbage.
      subject: part('subject', template.plain).replace(/\s+/g, ' ').trim(),
      text: tidy(part('text', template.plain)),
      html: part('html', template.html).trim(),
    };
  }
}

function environment(): typeof Handlebars {
  const env = Handlebars.create();
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return env;
}

// Trailing blanks and runs of blank lines are artefacts of template whitespace, not content.
const tidy = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .concat('\n');

async function hbsFiles(directory: string, relative = ''): Promise<string[]> {
  const entries = await readdir(path.join(directory, relative), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const file = path.join(relative, entry.name);
      if (entry.isDirectory()) return hbsFiles(directory, file);
      return entry.name.endsWith('.hbs') ? [file] : [];
    }),
  );
  return nested.flat().sort();
}
