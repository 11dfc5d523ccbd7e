import { Topics } from '@hookbus/contracts';
import { type ConsumedMessage, type KafkaBus, quarantineMessage } from '@hookbus/kafka';
import { collect, pollUntil, testBus, testDatabases, uniquePrefix } from '@hookbus/testing';
import { ApiClient, newTenant, spawnConfigService } from '../support/config-service';
import { OPERATOR_TOKEN, type ServiceProcess } from '../support/service-process';

// A real process and a real broker: more than Jest's default 5 s.
jest.setTimeout(120_000);

/** A message as a consumer saw it before giving up on it: what quarantineMessage is handed. */
const consumed = (topic: string, offset: number, key: string, value: string): ConsumedMessage => ({
  topic,
  partition: 0,
  offset: String(offset),
  key,
  value: Buffer.from(value),
  headers: { 'ce-source': 'test', traceparent: `00-${key}` },
  timestamp: String(Date.now()),
});

describe.each(testDatabases())('quarantine replay on $label (real broker, real process)', (database) => {
  const prefix = uniquePrefix('replay');
  let service: ServiceProcess;
  let bus: KafkaBus;
  let events: ConsumedMessage[];
  const operator = () => new ApiClient(service.url, OPERATOR_TOKEN);
  const quarantine = (message: ConsumedMessage, reason: string) =>
    bus.publish(Topics.quarantine.name, [quarantineMessage(message, { reason, groupId: 'hookbus-delivery-service', attempts: 1 })]);
  const listIds = async (query: string): Promise<{ id: string; key: string; replayedAt?: string }[]> => {
    const { status, body } = await operator().get(`/v1/quarantine?${query}`);
    if (status !== 200) throw new Error(`GET /v1/quarantine answered ${status}: ${JSON.stringify(body)}`);
    return body.items;
  };
  // A marker published after everything else: once it has arrived, so has every earlier replay.
  const eventsSettled = async (marker: string) => {
    await bus.publish(Topics.events.name, [{ key: marker, value: marker }]);
    await pollUntil(`${marker} arrives`, async () => events.some(({ key }) => key === marker));
    return events.filter(({ key }) => key !== marker && !key?.startsWith('marker'));
  };

  beforeAll(async () => {
    await database.create();
    bus = await testBus(prefix);
    service = await spawnConfigService(database, prefix);
    events = await collect(bus, Topics.events.name);
    await quarantine(consumed(Topics.events.name, 7, 'ord_1', '{"broken'), 'MalformedMessageError: value is not JSON');
    await quarantine(consumed(Topics.events.name, 8, 'ord_2', '{"also": "broken'), 'MalformedMessageError: value is not JSON');
    await quarantine(consumed(Topics.deadLetters.name, 3, 'dl_1', '{}'), 'ContractError: data.deliveryId: Required');
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.disconnect();
    await database.drop();
  });

  it('lists quarantined messages with reason, source, group and a preview, filtered by topic and paged', async () => {
    const { status, body } = await operator().get(`/v1/quarantine?topic=${Topics.events.name}`);

    expect(status).toBe(200);
    expect(body.items).toHaveLength(2);
    expect(body.items.find(({ key }: { key: string }) => key === 'ord_1')).toEqual({
      id: expect.stringMatching(/^\d+:\d+$/),
      source: { topic: Topics.events.name, partition: 0, offset: '7' },
      key: 'ord_1',
      reason: 'MalformedMessageError: value is not JSON',
      group: 'hookbus-delivery-service',
      attempts: 1,
      quarantinedAt: expect.any(String),
      size: 8,
      preview: '{"broken',
    });
    const all = await listIds('');
    expect(all.map(({ key }) => key).sort()).toEqual(['dl_1', 'ord_1', 'ord_2']);
    const first = await operator().get('/v1/quarantine?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await operator().get(`/v1/quarantine?limit=2&cursor=${first.body.next}`);
    expect([...first.body.items, ...second.body.items].map(({ id }: { id: string }) => id)).toEqual(all.map(({ id }) => id));
  });

  it('replays chosen ids to their original topic once: original key, bytes and headers, marked where they came from', async () => {
    const [ord1] = (await listIds(`topic=${Topics.events.name}`)).filter(({ key }) => key === 'ord_1');

    const replay = await operator().post('/v1/quarantine/replay', { ids: [ord1.id, '2:999999'] });
    const again = await operator().post('/v1/quarantine/replay', { ids: [ord1.id] });

    expect(replay).toMatchObject({ status: 200, body: { replayed: [ord1.id], skipped: [], notFound: ['2:999999'] } });
    expect(again.body).toEqual({ replayed: [], skipped: [ord1.id], notFound: [] });
    const arrived = (await eventsSettled('marker-1')).filter(({ key }) => key === 'ord_1');
    expect(arrived).toHaveLength(1);
    expect(arrived[0].value?.toString()).toBe('{"broken');
    expect(arrived[0].headers).toEqual({ 'ce-source': 'test', traceparent: '00-ord_1', 'hookbus-replayed-from': ord1.id });
    expect((await listIds(`topic=${Topics.events.name}`)).find(({ key }) => key === 'ord_1')?.replayedAt).toEqual(expect.any(String));
  });

  it('lets only one of two concurrent requests replay a message', async () => {
    const [ord2] = (await listIds(`topic=${Topics.events.name}`)).filter(({ key }) => key === 'ord_2');

    const answers = await Promise.all([0, 1].map(() => operator().post('/v1/quarantine/replay', { ids: [ord2.id] })));

    expect(answers.map(({ body }) => body.replayed.length).sort()).toEqual([0, 1]);
    expect(answers.map(({ body }) => body.skipped.length).sort()).toEqual([0, 1]);
    expect((await eventsSettled('marker-2')).filter(({ key }) => key === 'ord_2')).toHaveLength(1);
  });

  it('replays a topic’s window, skipping what was replayed already', async () => {
    const window = { since: new Date(Date.now() - 3_600_000).toISOString(), until: new Date(Date.now() + 60_000).toISOString() };
    const deadLetters: ConsumedMessage[] = await collect(bus, Topics.deadLetters.name);

    const dl = await operator().post('/v1/quarantine/replay', { topic: Topics.deadLetters.name, ...window });
    const ev = await operator().post('/v1/quarantine/replay', { topic: Topics.events.name, ...window });

    expect(dl.body).toEqual({ replayed: [expect.any(String)], skipped: [], notFound: [] });
    expect(ev.body).toMatchObject({ replayed: [], notFound: [] });
    expect(ev.body.skipped).toHaveLength(2);
    await pollUntil('the dead letter is back', async () => deadLetters.some(({ key }) => key === 'dl_1'));
  });

  it('refuses requests without the operator token, and names the field a bad request breaks', async () => {
    const tenant = await newTenant(service, ['admin']);

    expect((await new ApiClient(service.url).get('/v1/quarantine')).status).toBe(401);
    expect((await tenant.client.get('/v1/quarantine')).status).toBe(403);
    expect((await tenant.client.post('/v1/quarantine/replay', { ids: ['0:1'] })).status).toBe(403);
    const badId = await operator().post('/v1/quarantine/replay', { ids: ['zero'] });
    expect(badId).toMatchObject({ status: 400, contentType: expect.stringContaining('application/problem+json') });
    expect(badId.body.errors).toEqual([expect.objectContaining({ field: 'ids.0' })]);
    const noWindow = await operator().post('/v1/quarantine/replay', { topic: Topics.events.name });
    expect(noWindow.body.errors.map(({ field }: { field: string }) => field).sort()).toEqual(['since', 'until']);
    const badLimit = await operator().get('/v1/quarantine?limit=0');
    expect(badLimit.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
  });
});
