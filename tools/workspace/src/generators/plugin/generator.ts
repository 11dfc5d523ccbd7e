import { formatFiles, generateFiles, logger, OverwriteStrategy, type GeneratorCallback, type Tree } from '@nx/devkit';
import path from 'node:path';
import { pluginNames, type PluginGeneratorOptions } from './plugin-options';
import { addRegistryEntry } from './registry-entry';
import { sampleData, tsLiteral, tsString } from './sample-data';
import { addTsconfigPath } from './tsconfig-path';

// The id of the generated spec's event, so its exact-bytes test knows the body.
const EVENT_ID = 'evt_1';

/**
 * `nx g @hookbus/workspace:plugin <vendor>`: a delivery plugin lib of the house's shape under
 * libs/delivery/plugins/<vendor>, its `@hookbus/plugin-<vendor>` path and its registry line. Its
 * render and classify stubs pass the conformance kit, which its spec runs.
 */
export async function pluginGenerator(tree: Tree, options: PluginGeneratorOptions): Promise<GeneratorCallback> {
  const plugin = pluginNames(tree, options);
  const data = sampleData(plugin.eventType);
  // The templates print with `<%-` (unescaped): they write TypeScript, not HTML.
  const substitutions = {
    ...plugin,
    titleLiteral: tsString(plugin.title),
    eventId: EVENT_ID,
    sampleData: tsLiteral(data),
    expectedBody: tsString(JSON.stringify({ id: EVENT_ID, type: plugin.eventType, data })),
  };
  generateFiles(tree, path.join(__dirname, 'files'), plugin.projectRoot, substitutions, { overwriteStrategy: OverwriteStrategy.ThrowIfExisting });
  addTsconfigPath(tree, plugin.importPath, `${plugin.projectRoot}/src/index.ts`);
  addRegistryEntry(tree, { importPath: plugin.importPath, definition: `${plugin.propertyName}Plugin`, module: `${plugin.className}PluginModule` });
  // The paths keep their order (Nx would sort them all); Prettier, were it installed, formats the rest.
  await formatFiles(tree, { sortRootTsconfigPaths: false });
  return () => logger.info(`Next: npx jest -c ${plugin.projectRoot}/jest.config.cjs, then fill in render and classify (docs/plugins.md).`);
}

export default pluginGenerator;
