import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Runs `nx g @hookbus/workspace:plugin` as a platform team would, in a scratch copy of the
// workspace, then holds the result to the house's rules: the whole workspace typechecks, the
// generated lib passes lint, and its spec (the conformance kit among it) passes.

const root = path.resolve(__dirname, '../..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const vendor = 'acme-pay';
const lib = `libs/delivery/plugins/${vendor}`;
const pluginFile = `${lib}/src/${vendor}.plugin.ts`;
// Whole-workspace steps (tsc, Nx's project graph) take tens of seconds on a small machine.
const SLOW_MS = 240_000;

interface Run {
  readonly code: number;
  readonly output: string;
}

/** Runs a command in the scratch copy to its end; a failure is returned, not thrown, so tests can look at it. */
function run(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** The workspace's files as git sees them (committed or not, never ignored ones), node_modules linked. */
function scratchCopy(): string {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'hookbus-plugin-generator-'));
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\0');
  for (const file of listed) {
    // A worktree's node_modules may be a symlink, which git lists; deleted files are listed until committed.
    if (file === '' || file === 'node_modules' || !existsSync(path.join(root, file))) continue;
    mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    copyFileSync(path.join(root, file), path.join(scratch, file));
  }
  symlinkSync(realpathSync(path.join(root, 'node_modules')), path.join(scratch, 'node_modules'), 'dir');
  return scratch;
}

describe('nx g @hookbus/workspace:plugin in a scratch copy of the workspace', () => {
  let scratch: string;
  let generated: Run;

  beforeAll(async () => {
    scratch = scratchCopy();
    generated = await run(scratch, ['nx', 'g', '@hookbus/workspace:plugin', vendor, '--title=Acme Pay', '--no-interactive']);
  }, SLOW_MS);

  afterAll(() => {
    if (!scratch) return;
    // The link first, so that removing the copy can never reach the real node_modules.
    unlinkSync(path.join(scratch, 'node_modules'));
    rmSync(scratch, { recursive: true, force: true });
  });

  const read = (file: string) => readFileSync(path.join(scratch, file), 'utf8');

  it('writes the lib, its tsconfig path and its registry line', () => {
    expect(generated).toEqual({ code: 0, output: expect.stringContaining(`CREATE ${pluginFile}`) });
    expect(generated.output).toContain('UPDATE libs/delivery/plugins/registry/src/index.ts');
    expect(JSON.parse(read('tsconfig.base.json')).compilerOptions.paths[`@hookbus/plugin-${vendor}`]).toEqual([`${lib}/src/index.ts`]);
    expect(read('libs/delivery/plugins/registry/src/index.ts')).toContain('{ definition: acmePayPlugin, module: AcmePayPluginModule },');
  });

  it(
    'leaves a workspace that typechecks',
    async () => {
      const typecheck = await run(scratch, ['tsc', '-p', 'tsconfig.json', '--noEmit']);
      expect(typecheck).toEqual({ code: 0, output: '' });
    },
    SLOW_MS,
  );

  it(
    'writes a lib that passes lint, module boundaries included',
    async () => {
      const lint = await run(scratch, ['eslint', '--max-warnings', '0', lib, 'libs/delivery/plugins/registry']);
      expect(lint).toEqual({ code: 0, output: '' });
    },
    SLOW_MS,
  );

  it('writes a spec that passes: the exact bytes and the conformance kit', async () => {
    const spec = await run(scratch, ['jest', '-c', `${lib}/jest.config.cjs`]);
    expect(spec.output).toContain('acme-pay plugin conformance');
    expect(spec.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(spec.code).toBe(0);
  });

  it('writes a spec whose conformance kit fails a plugin that counts every answer as delivered', async () => {
    writeFileSync(path.join(scratch, pluginFile), read(pluginFile).replace('classify: defaultClassify,', "classify: () => ({ result: 'delivered' }),"));
    const spec = await run(scratch, ['jest', '-c', `${lib}/jest.config.cjs`]);
    expect(spec.output).toContain('classifies 410 sanely');
    expect(spec.output).toMatch(/Tests:\s+\d+ failed/);
    expect(spec.code).not.toBe(0);
  });

  it(
    'refuses the same vendor a second time, saying why',
    async () => {
      const again = await run(scratch, ['nx', 'g', '@hookbus/workspace:plugin', vendor, '--no-interactive']);
      expect(again.code).not.toBe(0);
      expect(again.output).toContain(`${lib} already exists: vendor "${vendor}" is taken`);
    },
    SLOW_MS,
  );
});
