import { updateJson, type Tree } from '@nx/devkit';

const PLUGIN_IMPORT = '@hookbus/plugin-';

/** Maps the plugin's import path to its entry, after the other plugins' paths; the rest keep their order. */
export function addTsconfigPath(tree: Tree, importPath: string, entry: string): void {
  updateJson(tree, 'tsconfig.base.json', (json) => {
    const paths = Object.entries<string[]>(json.compilerOptions?.paths ?? {});
    const lastPlugin = paths.findLastIndex(([alias]) => alias.startsWith(PLUGIN_IMPORT));
    paths.splice(lastPlugin === -1 ? paths.length : lastPlugin + 1, 0, [importPath, [entry]]);
    return { ...json, compilerOptions: { ...json.compilerOptions, paths: Object.fromEntries(paths) } };
  });
}
