import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MailTemplates } from './mail-templates';

async function templateDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mail-templates-'));
  for (const [name, source] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), source);
  }
  return dir;
}

const layout = [
  '{{#if (eq @part "subject")}}[hookbus] {{> subject}}{{/if}}',
  '{{#if (eq @part "text")}}Hello,',
  '',
  '{{> body}}',
  '{{/if}}',
  '{{#if (eq @part "html")}}<html><body><p>{{> body}}</p></body></html>{{/if}}',
].join('\n');

describe('MailTemplates', () => {
  const dirs: string[] = [];
  const load = async (files: Record<string, string>) => {
    const dir = await templateDir(files);
    dirs.push(dir);
    return MailTemplates.load(dir);
  };
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('names templates by their path and keeps partials apart', async () => {
    const templates = await load({
      'partials/layout.hbs': layout,
      'komet/order-confirmation.hbs': '{{#> layout}}{{#*inline "subject"}}s{{/inline}}{{#*inline "body"}}b{{/inline}}{{/layout}}',
      'generic.hbs': '{{#> layout}}{{#*inline "subject"}}g{{/inline}}{{#*inline "body"}}g{{/inline}}{{/layout}}',
    });
    expect(templates.names).toEqual(['generic', 'komet/order-confirmation']);
    expect(templates.has('layout')).toBe(false);
  });

  it('renders subject, text and HTML through the layout from inline partials', async () => {
    const templates = await load({
      'partials/layout.hbs': layout,
      'order.hbs': '{{#> layout}}{{#*inline "subject"}}Order {{orderId}}\nfailed{{/inline}}{{#*inline "body"}}Order {{orderId}}: {{message}}{{/inline}}{{/layout}}',
    });
    const mail = templates.render('order', { orderId: '6908', message: 'stock <low> & "late"' });
    expect(mail.subject).toBe('[hookbus] Order 6908 failed');
    expect(mail.text).toBe('Hello,\n\nOrder 6908: stock <low> & "late"\n');
    expect(mail.html).toBe('<html><body><p>Order 6908: stock &lt;low&gt; &amp; &quot;late&quot;</p></body></html>');
  });

  it('is isolated: helpers and partials of one set are invisible to the global Handlebars', async () => {
    await load({ 'partials/layout.hbs': layout, 'a.hbs': '{{#> layout}}{{/layout}}' });
    const { default: Handlebars } = await import('handlebars');
    expect(Handlebars.partials['layout']).toBeUndefined();
    expect(Handlebars.helpers['eq']).toBeUndefined();
  });

  it('fails at load on a syntax error, naming the file', async () => {
    await expect(load({ 'broken.hbs': '{{#if x}}never closed' })).rejects.toThrow(/template broken\.hbs/);
  });

  it('refuses an unknown template name', async () => {
    const templates = await load({ 'a.hbs': 'x' });
    expect(() => templates.render('b', {})).toThrow('no mail template named b');
  });
});
