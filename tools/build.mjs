#!/usr/bin/env node
// Compiles apps/ and libs/ to dist/ with swc, keeping the source layout so each app runs as
// `node dist/apps/<app>/src/main.js`, and bundles the console with Vite into dist/apps/console.
// Type checking is `npm run typecheck`, not this.
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import swc from '@swc/core';
import { build as viteBuild } from 'vite';

const require = createRequire(import.meta.url);
const { swcOptions, workspaceRoot } = require('./swc-options.cjs');
const outDir = path.join(workspaceRoot, 'dist');
const isTestFile = (file) => /\.(spec|int-spec|e2e-spec)\.ts$/.test(file) || file.includes('/testing/');
// The console is a browser bundle: Vite builds it, not swc.
const consoleDir = path.join(workspaceRoot, 'apps', 'console');

async function* sourceFiles(dir, wanted = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts')) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (full === consoleDir) continue;
    if (entry.isDirectory()) yield* sourceFiles(full, wanted);
    else if (wanted(entry.name) && !isTestFile(full)) yield full;
  }
}

const options = swcOptions({ rewritePaths: true });
await rm(outDir, { recursive: true, force: true });
let count = 0;
for (const root of ['apps', 'libs']) {
  for await (const file of sourceFiles(path.join(workspaceRoot, root))) {
    const output = await swc.transformFile(file, { ...options, filename: file, sourceFileName: file });
    const target = path.join(outDir, path.relative(workspaceRoot, file)).replace(/\.ts$/, '.js');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, `${output.code}\n//# sourceMappingURL=${path.basename(target)}.map`);
    await writeFile(`${target}.map`, output.map ?? '');
    count += 1;
  }
}
// Handlebars templates are read at run time from beside the code (notifier-service's e-mails).
for (const root of ['apps', 'libs']) {
  for await (const file of sourceFiles(path.join(workspaceRoot, root), (name) => name.endsWith('.hbs'))) {
    const target = path.join(outDir, path.relative(workspaceRoot, file));
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(file, target);
    count += 1;
  }
}
await viteBuild({ configFile: path.join(consoleDir, 'vite.config.mts') });
console.log(`built ${count} files and the console into ${path.relative(process.cwd(), outDir) || '.'}`);
