// Nx runs a local plugin's TypeScript only through @swc-node/register or ts-node, and this workspace
// has neither: it compiles with @swc/core everywhere (build, Jest), so the generator is compiled with
// the same options on require. A `.ts` hook already in place (Jest, ts-node) is left alone.
const { readFileSync } = require('node:fs');
const swc = require('@swc/core');
const { swcOptions } = require('../../swc-options.cjs');

if (!require.extensions['.ts']) {
  // `rewritePaths` turns `@hookbus/*` imports into relative ones, as the build does.
  const options = { ...swcOptions({ rewritePaths: true }), swcrc: false, sourceMaps: 'inline' };
  require.extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
    module._compile(code, filename);
  };
}
