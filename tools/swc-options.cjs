// One swc configuration for the build (tools/build.mjs) and for Jest (jest.preset.cjs),
// so tests run the exact code shape that ships. Decorator metadata is what NestJS DI reads.
const path = require('node:path');
const { compilerOptions } = require('../tsconfig.base.json');

const workspaceRoot = path.resolve(__dirname, '..');

/** @param {{ rewritePaths?: boolean }} options */
function swcOptions({ rewritePaths = false } = {}) {
  return {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
      // The build rewrites `@hookbus/*` imports to relative paths; Jest maps them itself.
      ...(rewritePaths ? { baseUrl: workspaceRoot, paths: compilerOptions.paths } : {}),
    },
    module: { type: 'commonjs' },
    sourceMaps: true,
  };
}

module.exports = { swcOptions, workspaceRoot };
