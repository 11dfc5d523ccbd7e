import type { Tree } from '@nx/devkit';
import ts from 'typescript';

export const REGISTRY_FILE = 'libs/delivery/plugins/registry/src/index.ts';
const REGISTRY_LIST = 'REGISTERED_PLUGINS';
const PLUGIN_IMPORT = '@hookbus/plugin-';

/** What the registry needs to know of a plugin: its package and its two exports. */
export interface RegistryEntry {
  readonly importPath: string;
  readonly definition: string;
  readonly module: string;
}

/**
 * Adds a plugin to the registry: its import, in order among the other plugins' imports, and its
 * line at the end of `REGISTERED_PLUGINS`. The file is parsed to find both places and edited as
 * text there, so everything else in it keeps its formatting.
 */
export function addRegistryEntry(tree: Tree, entry: RegistryEntry): void {
  const text = tree.read(REGISTRY_FILE, 'utf-8');
  if (text === null) throw new Error(`${REGISTRY_FILE} is missing: the plugin has no registry to join`);
  const source = ts.createSourceFile(REGISTRY_FILE, text, ts.ScriptTarget.Latest, true);
  const importLine = `import { ${[entry.module, entry.definition].sort().join(', ')} } from '${entry.importPath}';`;
  const edits = [importEdit(source, entry.importPath, importLine), listEdit(source, `{ definition: ${entry.definition}, module: ${entry.module} }`)];
  // From the end, so that each edit's position still holds.
  const edited = edits.sort((a, b) => b.at - a.at).reduce((result, { at, insert }) => result.slice(0, at) + insert + result.slice(at), text);
  tree.write(REGISTRY_FILE, edited);
}

interface Edit {
  readonly at: number;
  readonly insert: string;
}

function importEdit(source: ts.SourceFile, importPath: string, line: string): Edit {
  const imports = source.statements.filter(ts.isImportDeclaration);
  const specifier = (declaration: ts.ImportDeclaration) => (declaration.moduleSpecifier as ts.StringLiteral).text;
  const plugins = imports.filter((declaration) => specifier(declaration).startsWith(PLUGIN_IMPORT));
  const next = plugins.find((declaration) => specifier(declaration) > importPath);
  if (next) return { at: next.getStart(source), insert: `${line}\n` };
  const previous = plugins.at(-1) ?? imports.at(-1);
  return previous ? { at: previous.getEnd(), insert: `\n${line}` } : { at: 0, insert: `${line}\n` };
}

function listEdit(source: ts.SourceFile, element: string): Edit {
  const list = source.statements
    .filter(ts.isVariableStatement)
    .flatMap((statement) => statement.declarationList.declarations)
    .find((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === REGISTRY_LIST)?.initializer;
  if (!list || !ts.isArrayLiteralExpression(list)) throw new Error(`${REGISTRY_FILE} has no ${REGISTRY_LIST} = [ … ] to add the plugin to`);
  const last = list.elements.at(-1);
  if (!last) return { at: list.getEnd() - 1, insert: `\n  ${element},\n` };
  const indent = ' '.repeat(source.getLineAndCharacterOfPosition(last.getStart(source)).character);
  // After the last element's trailing comma when it has one, else after the element with a comma.
  return list.elements.hasTrailingComma
    ? { at: source.text.indexOf(',', last.getEnd()) + 1, insert: `\n${indent}${element},` }
    : { at: last.getEnd(), insert: `,\n${indent}${element}` };
}
