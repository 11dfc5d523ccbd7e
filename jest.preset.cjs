// Shared Jest settings: swc transform (same options as the build) and the @hookbus/* path aliases.
const { swcOptions, workspaceRoot } = require('./tools/swc-options.cjs');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `${workspaceRoot}/${target}`]),
);

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions(), swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  setupFiles: [`${workspaceRoot}/tools/jest-setup.cjs`],
  // Integration and end-to-end tests wait on a real broker and real processes; they poll, never sleep.
  testTimeout: 60_000,
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
};
