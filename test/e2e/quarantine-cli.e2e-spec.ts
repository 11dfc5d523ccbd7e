import { execFile } from 'node:child_process';
import path from 'node:path';
import { Topics } from '@hookbus/contracts';
import { type ConsumedMessage, type KafkaBus, quarantineMessage } from '@hookbus/kafka';
import { collect, pollUntil, testBus, testDatabases, uniquePrefix } from '@hookbus/testing';
import { spawnConfigService } from '../support/config-service';
import { OPERATOR_TOKEN, type ServiceProcess } from '../support/service-process';

// A real process and a real broker: more than Jest's default 5 s.
jest.setTimeout(120_000);

const SCRIPT = path.join(__dirname, '..', '..', 'tools', 'quarantine.mjs');

describe('npm run quarantine (the wrapper against a running config-service)', () => {
  const [database] = testDatabases();
  const prefix = uniquePrefix('qcli');
  let service: ServiceProcess;
  let bus: KafkaBus;
  let events: ConsumedMessage[];

  const run = (args: string[], token = OPERATOR_TOKEN): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const env = { ...process.env, HOOKBUS_ADMIN_TOKEN: token, CONFIG_URL: service.url };
      execFile(process.execPath, [SCRIPT, ...args], { env, cwd: path.dirname(SCRIPT) }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    await database.create();
    bus = await testBus(prefix);
    service = await spawnConfigService(database, prefix);
    events = await collect(bus, Topics.events.name);
    const message: ConsumedMessage = {
      topic: Topics.events.name,
      partition: 4,
      offset: '12',
      key: 'ord_cli',
      value: Buffer.from('not json'),
      headers: {},
      timestamp: String(Date.now()),
    };
    await bus.publish(Topics.quarantine.name, [quarantineMessage(message, { reason: 'MalformedMessageError: value is not JSON', groupId: 'hookbus-delivery-service', attempts: 1 })]);
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.disconnect();
    await database.drop();
  });

  it('lists quarantined messages as a table, or one JSON object a line', async () => {
    const table = await run(['list', '--topic', Topics.events.name]);
    const json = await run(['list', '--json']);

    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+SOURCE\s+KEY\s+QUARANTINED\s+REPLAYED\s+REASON$/m);
    expect(table.stdout).toContain(`${Topics.events.name}/4/12`);
    expect(table.stdout).toContain('MalformedMessageError: value is not JSON');
    expect(table.stdout).toContain('1 quarantined message(s)');
    expect(json.code).toBe(0);
    expect(json.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ key: 'ord_cli' })]);
  });

  it('replays by id once, says a second replay was skipped, and fails on an id it cannot find', async () => {
    const [item] = (await run(['list', '--json'])).stdout.trim().split('\n').map((line) => JSON.parse(line));

    const first = await run(['replay', item.id]);
    const second = await run(['replay', item.id]);
    const missing = await run(['replay', '1:999999']);

    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining(`replayed   ${item.id}`) });
    expect(second).toMatchObject({ code: 0, stdout: expect.stringContaining('0 replayed, 1 skipped, 0 not found') });
    expect(missing).toMatchObject({ code: 1, stdout: expect.stringContaining('not found  1:999999') });
    await pollUntil('the replayed event arrives', async () => events.some(({ key }) => key === 'ord_cli'));
    const window = ['--topic', Topics.events.name, '--since', new Date(Date.now() - 3_600_000).toISOString(), '--until', new Date(Date.now() + 60_000).toISOString()];
    expect(await run(['replay', ...window])).toMatchObject({ code: 0, stdout: expect.stringContaining('0 replayed, 1 skipped') });
  });

  it('exits 1 when the service refuses, 2 on a usage error', async () => {
    const refused = await run(['list'], 'not-the-operator-token');
    const noCommand = await run([]);
    const bothForms = await run(['replay', '0:1', '--topic', Topics.events.name]);
    const badWindow = await run(['replay', '--topic', Topics.events.name, '--since', 'yesterday', '--until', 'today']);

    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('answered 401') });
    expect(noCommand).toMatchObject({ code: 2, stderr: expect.stringContaining('usage:') });
    expect(bothForms.code).toBe(2);
    expect(badWindow).toMatchObject({ code: 1, stderr: expect.stringContaining('since: must be an ISO 8601 date-time') });
  });
});
