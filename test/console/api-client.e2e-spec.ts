import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { testDatabases, uniquePrefix } from '@hookbus/testing';
import { spawnConfigService } from '../support/config-service';
import type { ServiceProcess } from '../support/service-process';

const root = path.resolve(__dirname, '../..');

/** The console's checked-in API types are generated from /docs-json; a route changed without regenerating them fails here. */
describe("console: the generated API client matches config-service's OpenAPI document", () => {
  const [database] = testDatabases();
  let config: ServiceProcess;

  beforeAll(async () => {
    config = await spawnConfigService(database, uniquePrefix('console-api'));
  });
  afterAll(async () => {
    await config?.stop();
    await database.drop();
  });

  it('apps/console/src/api/openapi.d.ts is what `npm run console:api` makes of /docs-json', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'tools', 'console-api.mjs'), '--check', config.url], { cwd: root });
    expect(stdout).toContain('matches /docs-json');
  });

  it('the check fails on a document with one route more', async () => {
    const server = await import('node:http').then(({ createServer }) =>
      createServer(async (_request, response) => {
        const document = (await (await fetch(`${config.url}/docs-json`)).json()) as { paths: Record<string, unknown> };
        document.paths['/v1/not-in-the-client'] = { get: { responses: { 204: { description: 'nothing' } } } };
        response.setHeader('content-type', 'application/json').end(JSON.stringify(document));
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await expect(promisify(execFile)(process.execPath, [path.join(root, 'tools', 'console-api.mjs'), '--check', `http://127.0.0.1:${port}`], { cwd: root })).rejects.toMatchObject({
        stderr: expect.stringContaining('does not match /docs-json'),
      });
    } finally {
      server.close();
    }
  });
});
