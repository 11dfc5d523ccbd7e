import nx from '@nx/eslint-plugin';

/**
 * Layers, from the bottom: contracts ← infra (kafka) ← platform ← apps. Plugins (type:plugin) see
 * only the SDK and contracts, never each other; the SDK knows no plugin; delivery-service keeps no
 * database; nothing imports an app (Nx refuses that for every project); test helpers stay in tests.
 */
const depConstraints = [
  // First, so that a plugin reached even through another lib is named as such.
  { sourceTag: 'type:plugin-sdk', notDependOnLibsWithTags: ['type:plugin', 'type:plugin-registry'] },
  // Its state is rebuilt from the topics at each start (DESIGN: "none keeps state that a second instance would need").
  { sourceTag: 'scope:delivery-service', notDependOnLibsWithTags: ['type:persistence'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra'] },
  { sourceTag: 'type:plugin-sdk', onlyDependOnLibsWithTags: ['type:contracts'] },
  // What config-service knows of plugins (catalog, PATCH merge), and what delivery-service sends with.
  { sourceTag: 'type:plugin-catalog', onlyDependOnLibsWithTags: ['type:plugin-sdk', 'type:contracts', 'type:infra'] },
  { sourceTag: 'type:delivery-transport', onlyDependOnLibsWithTags: ['type:plugin-sdk', 'type:contracts', 'type:infra'] },
  { sourceTag: 'type:plugin', onlyDependOnLibsWithTags: ['type:plugin-sdk', 'type:contracts'] },
  // The one list of the plugins a build contains; apps reach plugins only through it.
  { sourceTag: 'type:plugin-registry', onlyDependOnLibsWithTags: ['type:plugin', 'type:plugin-sdk', 'type:contracts'] },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:infra',
      'type:platform',
      'type:persistence',
      'type:plugin-sdk',
      'type:plugin-catalog',
      'type:delivery-transport',
      'type:plugin-registry',
    ],
  },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:platform'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
  // The console runs in a browser and talks to config-service over HTTP only.
  { sourceTag: 'type:console', onlyDependOnLibsWithTags: [] },
  // The workspace's own Nx generators (tools/workspace) read the event types, and nothing else of the product.
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:contracts'] },
  // The producer client is published on its own: the contracts, and of the bus lib its partitioner (see below).
  { sourceTag: 'type:client', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra'] },
  // The `hookbus` command reaches the platform through the client and over HTTP only.
  { sourceTag: 'type:cli', onlyDependOnLibsWithTags: ['type:client', 'type:contracts'] },
];

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.data', '**/.nx', 'coverage'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: true, allow: [], depConstraints }],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  {
    // The rest of @hookbus/kafka is NestJS, which a producer's process should not have to load.
    files: ['libs/client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(@hookbus/kafka(?!/partitioner$)|@nestjs/)', message: 'a producer should not need NestJS: of @hookbus/kafka, take only @hookbus/kafka/partitioner' }] }],
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
