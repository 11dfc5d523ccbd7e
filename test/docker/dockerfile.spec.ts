import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const dockerfile = readFileSync(path.join(root, 'docker/Dockerfile'), 'utf8');
const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map(([, image]) => image);

describe('the Docker image (docker/Dockerfile)', () => {
  it('builds and runs on one Node LTS release, pinned by version and digest in every stage', () => {
    expect(bases.length).toBeGreaterThan(1);
    for (const image of bases) expect(image).toMatch(/^node:\d+\.\d+\.\d+-bookworm-slim@sha256:[0-9a-f]{64}$/);
    expect(new Set(bases).size).toBe(1);
    // Even majors become LTS; 20 reached its end of life in April 2026.
    const major = Number(/^node:(\d+)\./.exec(bases[0])?.[1]);
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(22);
  });

  it('is the Node `npm run test:lts` runs the unit tests on', () => {
    const script = `import { imageNodeVersion } from './tools/test-lts.mjs'; console.log(imageNodeVersion(process.argv[1]));`;
    const version = execFileSync(process.execPath, ['--input-type=module', '-e', script, dockerfile], { cwd: root, encoding: 'utf8' }).trim();
    expect(bases[0]).toContain(`node:${version}-`);
  });
});
