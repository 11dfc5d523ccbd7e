#!/usr/bin/env node
// Builds @hookbus/client (libs/client) as a package a registry can hold: `npm publish
// dist/packages/client`. In the repository the client reaches the contracts and the Kafka
// partitioner through tsconfig paths, which a producer's install does not have; so Vite (library
// mode, on rolldown) inlines those workspace libs into index.cjs and index.mjs, dts-bundle-generator
// inlines their types into index.d.ts, and the package.json keeps only real npm dependencies.
// Usage: node tools/build-client-package.mjs [outDir] (default dist/packages/client).
import { builtinModules, createRequire } from 'node:module';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build as viteBuild } from 'vite';

const require = createRequire(import.meta.url);
const { generateDtsBundle } = require('dts-bundle-generator');
const { workspaceRoot } = require('./swc-options.cjs');
const { compilerOptions } = require('../tsconfig.base.json');

const clientDir = path.join(workspaceRoot, 'libs', 'client');
const entry = path.join(clientDir, 'src', 'index.ts');
const outDir = path.resolve(process.argv[2] ?? path.join(workspaceRoot, 'dist', 'packages', 'client'));

const source = JSON.parse(await readFile(path.join(clientDir, 'package.json'), 'utf8'));
const root = JSON.parse(await readFile(path.join(workspaceRoot, 'package.json'), 'utf8'));

// Versions come from the root package.json, the ones the repository's tests ran against.
function pinned(deps = {}) {
  return Object.fromEntries(
    Object.keys(deps).map((name) => {
      const version = root.dependencies?.[name];
      if (!version) throw new Error(`libs/client/package.json names ${name}, which the root package.json does not`);
      return [name, version];
    }),
  );
}
const dependencies = pinned(source.dependencies);
const peerDependencies = pinned(source.peerDependencies);
const npmDeps = [...Object.keys(dependencies), ...Object.keys(peerDependencies)];

// Only these stay imports; anything else (every @hookbus/* lib) must resolve to a file and be
// inlined: Vite fails the build on an import it cannot resolve rather than ship it.
const builtins = new Set(builtinModules);
const isExternal = (id) => id.startsWith('node:') || builtins.has(id) || npmDeps.some((name) => id === name || id.startsWith(`${name}/`));

// The workspace libs, resolved as tsconfig.base.json maps them (as tools/build.mjs and Jest do).
const alias = Object.entries(compilerOptions.paths).map(([find, [target]]) => ({
  find: new RegExp(`^${find.replace(/[/.]/g, '\\$&')}$`),
  replacement: path.join(workspaceRoot, target),
}));

await rm(outDir, { recursive: true, force: true });

await viteBuild({
  configFile: false,
  root: clientDir,
  publicDir: false,
  logLevel: 'warn',
  resolve: { alias },
  build: {
    outDir,
    emptyOutDir: false,
    target: 'node20.19',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    lib: {
      entry,
      formats: ['cjs', 'es'],
      fileName: (format) => (format === 'es' ? 'index.mjs' : 'index.cjs'),
    },
    rolldownOptions: {
      // An external import is never resolved, so node: builtins stay imports, not browser stubs.
      external: isExternal,
      // Paths come from the alias alone, not from whichever tsconfig.json rolldown would find.
      tsconfig: false,
      // The workspace libs are pure declarations: what the client does not use of them is left out.
      treeshake: { moduleSideEffects: (_id, external) => external },
      // Not the `// libs/...` comment rolldown puts before each module: paths the package does not hold.
      experimental: { attachDebugInfo: 'none' },
      output: { exports: 'named' },
    },
  },
});

// One declaration file: the client's own types and, inlined, the contracts' (event types and their
// data), so a producer's compiler refuses an event the platform would refuse. zod's and kafkajs's
// types stay imports from those packages.
const [dts] = generateDtsBundle(
  [{ filePath: entry, output: { noBanner: true, exportReferencedTypes: false }, libraries: { importedLibraries: npmDeps, allowedTypesLibraries: [] } }],
  { preferredConfigPath: path.join(workspaceRoot, 'tsconfig.base.json') },
);
await writeFile(path.join(outDir, 'index.d.ts'), dts);
// The same declarations for `import`: a .d.ts in a package without "type": "module" is read as
// CommonJS, which would misdescribe index.mjs to a node16/bundler consumer.
await copyFile(path.join(outDir, 'index.d.ts'), path.join(outDir, 'index.d.mts'));

const manifest = {
  name: source.name,
  version: source.version,
  description: source.description,
  license: source.license,
  engines: source.engines,
  main: './index.cjs',
  module: './index.mjs',
  types: './index.d.ts',
  exports: {
    '.': {
      import: { types: './index.d.mts', default: './index.mjs' },
      require: { types: './index.d.ts', default: './index.cjs' },
    },
    './package.json': './package.json',
  },
  files: ['index.cjs', 'index.mjs', 'index.d.ts', 'index.d.mts', 'README.md'],
  sideEffects: false,
  dependencies,
  peerDependencies,
  peerDependenciesMeta: source.peerDependenciesMeta,
};
await writeFile(path.join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
await copyFile(path.join(clientDir, 'README.md'), path.join(outDir, 'README.md'));

console.log(`built ${manifest.name}@${manifest.version} into ${path.relative(process.cwd(), outDir) || '.'}`);
