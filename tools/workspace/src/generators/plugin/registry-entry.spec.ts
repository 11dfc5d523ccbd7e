import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { addRegistryEntry, REGISTRY_FILE } from './registry-entry';

const acme = { importPath: '@hookbus/plugin-acme', definition: 'acmePlugin', module: 'AcmePluginModule' };

function registryAfter(text: string): string | null {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(REGISTRY_FILE, text);
  addRegistryEntry(tree, acme);
  return tree.read(REGISTRY_FILE, 'utf-8');
}

describe('addRegistryEntry', () => {
  it('puts the import after the last plugin import when it sorts last, and keeps a list without a trailing comma so', () => {
    const before = ["import { Type } from '@nestjs/common';", "import { aPlugin } from '@hookbus/plugin-a';", '', 'export const REGISTERED_PLUGINS = [', '  a,', '  b', '];', ''];
    expect(registryAfter(before.join('\n'))).toBe(
      [
        "import { Type } from '@nestjs/common';",
        "import { aPlugin } from '@hookbus/plugin-a';",
        "import { AcmePluginModule, acmePlugin } from '@hookbus/plugin-acme';",
        '',
        'export const REGISTERED_PLUGINS = [',
        '  a,',
        '  b,',
        '  { definition: acmePlugin, module: AcmePluginModule }',
        '];',
        '',
      ].join('\n'),
    );
  });

  it('starts an empty list, after the last import when no plugin is imported yet', () => {
    expect(registryAfter("import { Type } from '@nestjs/common';\n\nexport const REGISTERED_PLUGINS: Type[] = [];\n")).toBe(
      "import { Type } from '@nestjs/common';\nimport { AcmePluginModule, acmePlugin } from '@hookbus/plugin-acme';\n\n" +
        'export const REGISTERED_PLUGINS: Type[] = [\n  { definition: acmePlugin, module: AcmePluginModule },\n];\n',
    );
  });

  it('refuses a registry without REGISTERED_PLUGINS, or none at all', () => {
    expect(() => registryAfter('export const PLUGINS = [];\n')).toThrow(`${REGISTRY_FILE} has no REGISTERED_PLUGINS = [ … ] to add the plugin to`);
    expect(() => addRegistryEntry(createTreeWithEmptyWorkspace(), acme)).toThrow(`${REGISTRY_FILE} is missing`);
  });
});
