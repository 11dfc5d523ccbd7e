import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

// Plays ingest-service on loopback: records each request and accepts it as ingest-service does (202).
async function startIngest(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      let events: { id: string }[];
      try {
        events = [JSON.parse(body)].flat();
      } catch {
        return void response.writeHead(400, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ title: 'not JSON' }));
      }
      response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ ids: events.map(({ id }) => id) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

// What a producer's program does with the installed package, in CommonJS or as an ES module: an
// event the contract refuses (nothing sent), one event, then a batch.
const producer = (load: string) => `
${load}
const hookbus = new HookbusClient({ source: 'urn:shop:orders', transport: new IngestTransport({ url: process.argv[1], key: 'hbk_producer' }) });
const refused = await hookbus.publish({ type: 'order.confirmed', subject: 'order-1', data: { companyId: 6316 } }).catch((error) => error);
const event = await hookbus.publish({ type: 'order.confirmed', subject: 'order-6908', data: { companyId: 6316, orderId: 6908 }, origin: 'shop' });
const batch = await hookbus.publishBatch([
  { type: 'order.cancelled', subject: 'order-6909', data: { companyId: 6316, orderId: 6909 } },
  { type: 'refund.applied', subject: 'refund-17', data: { amount: 12.5 } },
]);
console.log(JSON.stringify({ loaded, refused: { name: refused.name, isInvalid: refused instanceof InvalidEventError, issues: refused.issues }, event, batch }));
`;
const cjs = producer(`
const { HookbusClient, IngestTransport, InvalidEventError } = require('@hookbus/client');
const loaded = require.resolve('@hookbus/client');
(async () => {`).concat('})();');
const esm = producer(`
import { HookbusClient, IngestTransport, InvalidEventError } from '@hookbus/client';
import { fileURLToPath } from 'node:url';
const loaded = fileURLToPath(import.meta.resolve('@hookbus/client'));`);

// A producer's TypeScript against the bundled declarations. Each @ts-expect-error must meet an
// error, or tsc fails with "Unused '@ts-expect-error' directive": types too loose fail the test.
const consumer = `
import { HookbusClient, IngestTransport, InvalidEventError, type EventInput, type EventType } from '@hookbus/client';

const hookbus = new HookbusClient({ source: 'urn:shop:orders', transport: new IngestTransport({ url: 'http://127.0.0.1:3002', key: 'hbk_producer' }) });

export async function publishes(): Promise<string> {
  const event = await hookbus.publish({ type: 'order.confirmed', subject: 'order-6908', data: { companyId: 6316, orderId: '6908' } });
  const orderId: number | string = event.data.orderId;
  const closed: EventInput<'order.closed'> = {
    type: 'order.closed',
    subject: 'order-6908',
    data: { orderId, orderDetailsData: { orderType: 'sale', orderState: 'closed', operationDatas: [{ productCode: 'p-1', basePrice: 10, quantity: 1 }] } },
  };
  await hookbus.publishBatch([closed, { type: 'survey.completed', subject: 'survey-1', data: { score: 9 } }]);
  return event.id;
}

export const known: readonly EventType[] = ['order.confirmed', 'survey.completed'];

export async function refuses(): Promise<void> {
  // @ts-expect-error an event type the contracts do not define
  await hookbus.publish({ type: 'order.teleported', subject: 'order-1', data: { companyId: 6316, orderId: 1 } });
  // @ts-expect-error order.confirmed's data needs orderId
  await hookbus.publish({ type: 'order.confirmed', subject: 'order-1', data: { companyId: 6316 } });
  // @ts-expect-error shipment.status_changed's awb is a string
  await hookbus.publishBatch([{ type: 'shipment.status_changed', subject: 's-1', data: { orderNo: 'o-1', awb: 17, status: 'Dikirim' } }]);
  const error: unknown = undefined;
  if (error instanceof InvalidEventError) error.issues.map(({ field, rule }) => field + rule);
}
`;

describe('the @hookbus/client package (tools/build-client-package.mjs), packed and installed as a registry would', () => {
  let temp: string;
  let project: string;
  let installed: string;
  let packedFiles: string[];
  let ingest: Awaited<ReturnType<typeof startIngest>>;

  beforeAll(async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'hookbus-client-package-'));
    // Built into the temp dir, not dist/, so a parallel `npm run build` (which empties dist/) cannot interfere.
    const built = path.join(temp, 'build');
    await run(process.execPath, ['tools/build-client-package.mjs', built], { cwd: root });
    const [packed] = JSON.parse((await run('npm', ['pack', built, '--pack-destination', temp, '--json', '--offline', '--ignore-scripts'], { cwd: temp })).stdout);
    packedFiles = packed.files.map((file: { path: string }) => file.path).sort();

    // A producer's project: the tarball unpacked where npm would put it, its dependencies beside it.
    project = path.join(temp, 'project');
    installed = path.join(project, 'node_modules', '@hookbus', 'client');
    await mkdir(installed, { recursive: true });
    await run('tar', ['-xzf', path.join(temp, packed.filename), '-C', installed, '--strip-components=1']);
    for (const name of ['zod', 'kafkajs']) await symlink(path.join(root, 'node_modules', name), path.join(project, 'node_modules', name), 'dir');
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'producer', private: true }));
    ingest = await startIngest();
  });

  afterAll(async () => {
    if (ingest) await new Promise((resolve) => ingest.server.close(resolve));
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it('holds the bundles, their declarations, a README and a package.json, and names no workspace lib or path outside itself', async () => {
    expect(packedFiles).toEqual(['README.md', 'index.cjs', 'index.d.mts', 'index.d.ts', 'index.mjs', 'package.json']);
    for (const file of packedFiles) {
      const text = await readFile(path.join(installed, file), 'utf8');
      expect({ file, workspaceLibs: text.match(/@hookbus\/(?!client\b)[\w-]+/g) }).toEqual({ file, workspaceLibs: null });
      expect({ file, outside: text.match(/\.\.\/|\blibs\/|node_modules/g) }).toEqual({ file, outside: null });
      expect(text).not.toContain(root);
    }
    // What the code still imports: builtins and the declared dependencies, nothing else.
    const specifiers = async (file: string) =>
      [...new Set([...(await readFile(path.join(installed, file), 'utf8')).matchAll(/(?:require\(|import\(|from )["']([^"']+)["']/g)].map((match) => match[1]))].sort();
    expect(await specifiers('index.cjs')).toEqual(['kafkajs', 'node:crypto', 'node:timers/promises', 'zod']);
    expect(await specifiers('index.mjs')).toEqual(['kafkajs', 'node:crypto', 'node:timers/promises', 'zod']);
    expect(await specifiers('index.d.ts')).toEqual(['kafkajs', 'zod']);
  });

  it('declares its entry points, and its dependencies at the versions the repository runs', async () => {
    const rootPackage = await readJson(path.join(root, 'package.json'));
    const source = await readJson(path.join(root, 'libs', 'client', 'package.json'));
    const manifest = await readJson(path.join(installed, 'package.json'));

    expect(manifest).toEqual({
      name: '@hookbus/client',
      version: source.version,
      description: source.description,
      license: source.license,
      engines: { node: '>=20.19' },
      main: './index.cjs',
      module: './index.mjs',
      types: './index.d.ts',
      exports: {
        '.': { import: { types: './index.d.mts', default: './index.mjs' }, require: { types: './index.d.ts', default: './index.cjs' } },
        './package.json': './package.json',
      },
      files: expect.arrayContaining(['index.cjs', 'index.mjs', 'index.d.ts', 'index.d.mts', 'README.md']),
      sideEffects: false,
      dependencies: { zod: rootPackage.dependencies.zod },
      peerDependencies: { kafkajs: rootPackage.dependencies.kafkajs },
      peerDependenciesMeta: { kafkajs: { optional: true } },
    });
  });

  it.each([
    ['require', 'index.cjs', ['-e', cjs]],
    ['import', 'index.mjs', ['--input-type=module', '-e', esm]],
  ])('loads with %s in plain node and publishes to ingest-service: one event, then a batch, after refusing a broken one', async (_how, entry, args) => {
    ingest.received.length = 0;
    const { stdout } = await run(process.execPath, [...args, ingest.url], { cwd: project, env: { PATH: process.env.PATH } });
    const { loaded, refused, event, batch } = JSON.parse(stdout);

    expect(loaded).toBe(path.join(installed, entry));
    expect(refused).toEqual({ name: 'InvalidEventError', isInvalid: true, issues: [{ field: 'data.orderId', rule: 'invalid_union', message: 'is required (an int64)' }] });
    expect(ingest.received.map(({ method, url, headers }) => ({ method, url, authorization: headers.authorization, contentType: headers['content-type'] }))).toEqual([
      { method: 'POST', url: '/v1/events', authorization: 'Bearer hbk_producer', contentType: 'application/cloudevents+json' },
      { method: 'POST', url: '/v1/events/batch', authorization: 'Bearer hbk_producer', contentType: 'application/cloudevents-batch+json' },
    ]);
    const [single, batched] = ingest.received.map(({ body }) => JSON.parse(body));
    expect(single).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      source: 'urn:shop:orders',
      type: 'order.confirmed',
      time: expect.any(String),
      subject: 'order-6908',
      origin: 'shop',
      data: { companyId: 6316, orderId: 6908 },
    });
    expect(Date.parse(single.time)).not.toBeNaN();
    expect(event).toEqual(single);
    expect(batched).toEqual([
      expect.objectContaining({ specversion: '1.0', type: 'order.cancelled', subject: 'order-6909', data: { companyId: 6316, orderId: 6909 } }),
      expect.objectContaining({ specversion: '1.0', type: 'refund.applied', subject: 'refund-17', data: { amount: 12.5 } }),
    ]);
    expect(batch).toEqual(batched);
  });

  it("gives a producer's TypeScript the contracts' event types and data shapes, through require and import alike", async () => {
    const compilerOptions = { strict: true, target: 'es2022', module: 'node16', moduleResolution: 'node16', skipLibCheck: false, types: [] };
    // consumer.ts is CommonJS here (no "type": "module"), consumer.mts an ES module: each gets its condition's declarations.
    await writeFile(path.join(project, 'consumer.ts'), consumer);
    await writeFile(path.join(project, 'consumer.mts'), consumer);
    await writeFile(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts', 'consumer.mts'] }));
    // The same code without the directives: tsc must then refuse exactly the lines they stood over.
    const refusals = consumer.replace(/^ *\/\/ @ts-expect-error.*\n/gm, '');
    await writeFile(path.join(project, 'refusals.ts'), refusals);
    await writeFile(path.join(project, 'tsconfig.refusals.json'), JSON.stringify({ compilerOptions, files: ['refusals.ts'] }));

    const tsc = (config: string) =>
      run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config, '--noEmit', '--listFiles'], { cwd: project }).then(
        ({ stdout }) => ({ exitCode: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ exitCode: error.code, stdout: error.stdout }),
      );
    const [checked, refused] = await Promise.all([tsc('tsconfig.json'), tsc('tsconfig.refusals.json')]);

    expect({ exitCode: checked.exitCode, errors: checked.stdout.split('\n').filter((line) => line.includes('error TS')) }).toEqual({ exitCode: 0, errors: [] });
    expect(checked.stdout.split('\n').filter((file) => file.includes('@hookbus/client')).sort()).toEqual([path.join(installed, 'index.d.mts'), path.join(installed, 'index.d.ts')]);

    const lineOf = (text: string) => refusals.split('\n').findIndex((line) => line.includes(text)) + 1;
    const errors = [...refused.stdout.matchAll(/^refusals\.ts\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map(([, line, code, message]) => ({ line: Number(line), code, message }));
    expect(refused.exitCode).toBe(2);
    expect(errors).toEqual([
      { line: lineOf("'order.teleported'"), code: 'TS2322', message: expect.stringContaining('"order.teleported"') },
      { line: lineOf('data: { companyId: 6316 } }'), code: 'TS2741', message: expect.stringContaining("'orderId'") },
      { line: lineOf('awb: 17'), code: 'TS2322', message: expect.stringContaining('awb: number') },
    ]);
  });
});
