import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pollUntil } from '@hookbus/testing';
import { DeliveryHarness } from '../support/delivery-harness';
import { freePort, OPERATOR_TOKEN, type ServiceProcess } from '../support/service-process';

// Real processes and a real broker, and a command started per step.
jest.setTimeout(180_000);

const CLI = path.join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The built `hookbus` command as a script would run it, against config-service, ingest-service and
 * delivery-service as real processes, and a real receiver on loopback.
 */
describe('hookbus (the CLI against the running platform)', () => {
  let harness: DeliveryHarness;
  let ingest: ServiceProcess;
  const tenant = { id: '', producerKey: '', producerKeyId: '', adminKey: '' };
  const at = `/cli-${randomUUID().slice(0, 8)}`;
  const eventId = `evt-cli-${randomUUID()}`;
  let subscriptionId: string;
  let deliveryId: string;

  const hookbus = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      const base = { PATH: process.env.PATH ?? '', HOOKBUS_URL: harness.config.url, HOOKBUS_INGEST_URL: ingest.url };
      execFile(process.execPath, [CLI, ...args], { env: { ...base, ...env } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
  const hookbusJson = async (args: string[], env: Record<string, string>) => {
    const run = await hookbus([...args, '--json'], env);
    if (run.code !== 0) throw new Error(`hookbus ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout);
  };
  const operator = { HOOKBUS_ADMIN_TOKEN: OPERATOR_TOKEN };
  const admin = () => ({ HOOKBUS_KEY: tenant.adminKey });
  const producer = () => ({ HOOKBUS_KEY: tenant.producerKey });
  const publish = (id = eventId, data = '{"companyId":6316,"orderId":6908}') =>
    hookbus(['events', 'publish', '--type', 'order.confirmed', '--subject', 'order-6908', '--data', data, '--id', id, '--origin', 'shop'], producer());

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run the tests through \`npm test\`, which builds first`);
    harness = await DeliveryHarness.start('cli');
    ingest = await harness.spawnIngest();
  });
  afterAll(() => harness?.stop());

  it('creates a tenant and its keys with the operator token; a key is printed once, for people or as JSON', async () => {
    const created = await hookbusJson(['tenants', 'create', '--name', 'Acme CLI'], operator);
    expect(created).toEqual({ id: expect.stringMatching(/^tnt_/), name: 'Acme CLI' });
    tenant.id = created.id;

    const producerKey = await hookbusJson(['keys', 'create', '--tenant', tenant.id, '--roles', 'producer'], operator);
    expect(producerKey).toEqual({ id: expect.stringMatching(/^key_/), key: expect.stringMatching(/^hbk_/), roles: ['producer'] });
    [tenant.producerKeyId, tenant.producerKey] = [producerKey.id, producerKey.key];

    const adminKey = await hookbus(['keys', 'create', '--tenant', tenant.id, '--roles', 'admin'], operator);
    expect(adminKey.code).toBe(0);
    const [, printed] = /^created key key_[0-9a-f]{16} \(admin\)\nkey \(shown once\): (hbk_\S+)\n$/.exec(adminKey.stdout) ?? [];
    expect(printed).toBeDefined();
    tenant.adminKey = printed;
  });

  it('creates a webhook subscription to a loopback receiver with the admin key, and lists it', async () => {
    const url = `${harness.receiver.url}${at}`;
    const created = await hookbusJson(['subscriptions', 'create', '--plugin', 'webhook', '--hook', 'events', '--url', url, '--settings', '{"eventTypes":["order.*"]}'], admin());
    expect(created).toMatchObject({ plugin: 'webhook', hook: 'events', url, enabled: true, signingSecret: expect.stringMatching(/^whsec_/) });
    subscriptionId = created.id;
    await harness.inView(subscriptionId, true);

    const listed = await hookbus(['subscriptions', 'list'], admin());
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ID\s+PLUGIN\/HOOK\s+ENABLED\s+STATUS\s+ENDPOINT$/m);
    expect(listed.stdout).toMatch(new RegExp(`^${subscriptionId}\\s+webhook/events\\s+yes\\s+active\\s+POST ${url}$`, 'm'));
  });

  it('publishes an event the receiver gets, and the delivery log shows it delivered', async () => {
    // A new key reaches ingest-service within a second; until then the publish is refused (401).
    const published = await pollUntil('ingest-service takes the new producer key', async () => {
      const run = await publish();
      return run.code === 0 && run;
    });
    expect(published.stdout).toBe(`published ${eventId} (order.confirmed, subject order-6908)\n`);
    const another = await hookbusJson(['events', 'publish', '--type', 'order.cancelled', '--subject', 'order-6909', '--data', '{"companyId":6316,"orderId":6909}'], producer());
    expect(another).toEqual({ ids: [expect.stringMatching(/^[0-9a-f-]{36}$/)] });

    const [request] = await pollUntil('the receiver got the event', () => harness.receiver.at(at).length > 0 && harness.receiver.at(at));
    expect(JSON.parse(request.body)).toMatchObject({ id: eventId, type: 'order.confirmed', subject: 'order-6908', tenantid: tenant.id, origin: 'shop', source: 'urn:hookbus:cli', data: { companyId: 6316, orderId: 6908 } });

    const page = await pollUntil('deliveries list shows the delivery delivered', async () => {
      const listed = await hookbusJson(['deliveries', 'list', '--event', eventId, '--subscription', subscriptionId], admin());
      return listed.items[0]?.status === 'delivered' && listed;
    });
    expect(page.items).toEqual([expect.objectContaining({ eventId, subscriptionId, subject: 'order-6908', plugin: 'webhook', hook: 'events', attemptCount: 1 })]);
    deliveryId = page.items[0].id;

    const table = await hookbus(['deliveries', 'list', '--subject', 'order-6908', '--status', 'delivered'], admin());
    expect(table.stdout).toMatch(new RegExp(`^${deliveryId}\\s+delivered\\s+1\\s+webhook/events\\s+order-6908\\s+${eventId}\\s`, 'm'));
  });

  it('shows the delivery with its attempt, for people and as JSON', async () => {
    const shown = await hookbus(['deliveries', 'show', deliveryId], admin());
    const detail = await hookbusJson(['deliveries', 'show', deliveryId], admin());

    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('status:       delivered\n');
    expect(shown.stdout).toMatch(new RegExp(`^1\\s+\\S+\\s+delivered\\s+200\\s+\\d+ ms\\s+POST ${harness.receiver.url}${at}$`, 'm'));
    expect(detail).toMatchObject({ id: deliveryId, status: 'delivered', attempts: [{ n: 1, outcome: 'delivered', response: { status: 200 } }] });
  });

  it('exits 2 with the reason when the platform refuses a retry; a recovery of a window without failures retries nothing', async () => {
    const retry = await hookbus(['deliveries', 'retry', deliveryId], admin());
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const until = new Date(Date.now() + 60_000).toISOString();
    const recover = await hookbus(['deliveries', 'recover', '--since', since, '--until', until, '--subscription', subscriptionId], admin());

    expect(retry).toMatchObject({ code: 2, stdout: '' });
    expect(retry.stderr).toMatch(new RegExp(`^hookbus: POST ${harness.config.url}/v1/deliveries/${deliveryId}/retry answered 409: Conflict: Delivery ${deliveryId} cannot be retried`));
    expect(recover).toMatchObject({ code: 0, stdout: 'retried 0\n' });
  });

  it('exits 2 on an event that breaks the contract, naming the field and the rule, and on a query the platform refuses', async () => {
    const invalid = await publish(`evt-cli-${randomUUID()}`, '{"companyId":6316}');
    const badStatus = await hookbus(['deliveries', 'list', '--status', 'lost'], admin());

    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toBe('hookbus: the event breaks the contract; nothing was sent\n  data.orderId: is required (an int64) (invalid_union)\n');
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toMatch(/answered 400: .*\n {2}status: /);
  });

  it('disables the subscription', async () => {
    const disabled = await hookbusJson(['subscriptions', 'disable', subscriptionId], admin());
    expect(disabled).toMatchObject({ id: subscriptionId, enabled: false });
  });

  it('revokes the producer key, after which a publish is refused with exit 2', async () => {
    const revoked = await hookbus(['keys', 'revoke', '--tenant', tenant.id, tenant.producerKeyId], operator);
    expect(revoked).toMatchObject({ code: 0, stdout: `revoked key ${tenant.producerKeyId}\n` });

    // The revocation reaches ingest-service within a second; until then a publish is taken: the one event again, to a disabled subscription.
    const refused = await pollUntil('ingest-service refuses the revoked key', async () => {
      const run = await publish();
      return run.code !== 0 && run;
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^hookbus: POST http:\/\/127\.0\.0\.1:\d+\/v1\/events answered 401: Unauthorized/);
  });

  it('exits 1 on a usage error and 3 when the platform cannot be reached, as scripts can tell apart', async () => {
    const usage = await hookbus(['events', 'publish', '--type', 'order.confirmed'], producer());
    const unreachable = await hookbus(['tenants', 'create', '--name', 'Nobody', '--config-url', `http://127.0.0.1:${await freePort()}`, '--attempts', '2'], operator);

    expect(usage).toMatchObject({ code: 1, stderr: expect.stringContaining('missing --subject') });
    expect(unreachable).toMatchObject({ code: 3, stderr: expect.stringMatching(/got no answer \(.*ECONNREFUSED.*\) after 2 attempt/) });
  });
});
