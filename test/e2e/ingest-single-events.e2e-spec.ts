import { MAX_EVENT_BYTES, Topics } from '@hookbus/contracts';
import type { ConsumedMessage, KafkaBus } from '@hookbus/kafka';
import { collect, pollUntil, testBus, uniquePrefix } from '@hookbus/testing';
import { orderConfirmed } from '../support/events';
import { publishApiKey } from '../support/producer-keys';
import { ServiceProcess } from '../support/service-process';

jest.setTimeout(120_000);

type Problem = { status: number; title: string; detail?: string; errors?: { field: string; rule: string }[] };

// POST /v1/events one event at a time, as most producers post, through ingest-service's fast lane:
// what it accepts is on the topic before the 202, in order per subject; what it refuses is answered
// by the Nest route from the body as it came.
describe('ingest-service: single events, concurrently and refused (real broker, real process)', () => {
  const prefix = uniquePrefix('single');
  let ingest: ServiceProcess;
  let bus: KafkaBus;
  let key: string;
  let events: ConsumedMessage[];

  beforeAll(async () => {
    bus = await testBus(prefix);
    key = await publishApiKey(bus, 'tnt_test');
    ingest = await ServiceProcess.spawn('ingest-service', { KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn', INGEST_BODY_LIMIT: '300kb' }).then((started) => started.ready());
    events = await collect(bus, Topics.events.name);
    await pollUntil('ingest-service knows the key', async () => (await post('{}')).status !== 401);
  });

  afterAll(async () => {
    await ingest?.stop();
    await bus?.disconnect();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${ingest.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json', authorization: `Bearer ${key}`, ...headers },
      body,
    });
  const problem = async (response: Response) => ({ ...((await response.json()) as Problem), type: response.headers.get('content-type') });

  it("answers 202 to each of many concurrent posts only once its event is stored, and keeps each subject's order", async () => {
    const subjects = Array.from({ length: 40 }, (_, n) => `order-${n}`);
    const perSubject = 8;
    // Subjects side by side, each subject's events one after another: the next is posted after the 202.
    const posted = await Promise.all(subjects.map(async (subject) => {
      const ids: string[] = [];
      for (let n = 0; n < perSubject; n += 1) {
        const event = orderConfirmed({ subject, tenantid: undefined });
        const response = await post(JSON.stringify(event));
        expect(response.status).toBe(202);
        expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(await response.json()).toEqual({ ids: [event.id] });
        // Stored before the answer: the topic's end offsets already count it.
        ids.push(String(event.id));
      }
      return [subject, ids] as const;
    }));
    const total = subjects.length * perSubject;
    const ends = await bus.endOffsets(Topics.events.name);
    expect([...ends.values()].reduce((sum, end) => sum + Number(end), 0)).toBeGreaterThanOrEqual(total);

    await pollUntil('every event is read back', () => events.length >= total);
    for (const [subject, ids] of posted) {
      const stored = events.filter(({ key: messageKey }) => messageKey === `tnt_test:${subject}`);
      expect(stored.map(({ headers }) => headers.ce_id)).toEqual(ids);
      expect(JSON.parse(stored[0].value?.toString() ?? '{}')).toMatchObject({ tenantid: 'tnt_test', subject });
    }
  });

  it('answers what it refuses as the Nest route does, from the body as it came, publishing nothing', async () => {
    const before = await bus.endOffsets(Topics.events.name);
    const cases: [string, string, Partial<Problem>][] = [
      ['not JSON', '{"specversion": "1.0",', { status: 400, detail: expect.stringContaining('JSON at position 22') }],
      ['not an object', '"order.confirmed"', { status: 400, detail: expect.stringContaining('is not valid JSON') }],
      ['an array', JSON.stringify([orderConfirmed()]), { status: 400, errors: [expect.objectContaining({ field: '(root)' })] }],
      ['an invalid event', JSON.stringify(orderConfirmed({ type: 'order.teleported' })), { status: 400, errors: [expect.objectContaining({ field: 'type' })] }],
      ["another tenant's event", JSON.stringify(orderConfirmed({ tenantid: 'tnt_other' })), { status: 403, errors: [expect.objectContaining({ field: 'tenantid' })] }],
      ['an event over the limit', JSON.stringify(orderConfirmed({ type: 'order.completed', data: { note: 'x'.repeat(MAX_EVENT_BYTES) } })), { status: 413, errors: [expect.objectContaining({ rule: 'max_event_bytes' })] }],
      ['a body over INGEST_BODY_LIMIT', JSON.stringify(orderConfirmed({ type: 'order.completed', data: { note: 'x'.repeat(310 * 1024) } })), { status: 413, detail: 'The request body exceeds the limit of 307200 bytes.' }],
    ];
    for (const [what, body, expected] of cases) {
      const response = await post(body);
      expect({ what, ...(await problem(response)) }).toMatchObject({ what, ...expected, type: 'application/problem+json; charset=utf-8' });
    }
    expect((await problem(await post(JSON.stringify(orderConfirmed()), { 'content-type': 'application/json; charset=latin1' }))).status).toBe(415);
    expect((await problem(await post(JSON.stringify(orderConfirmed()), { authorization: 'Bearer hbk_nonsense' }))).status).toBe(401);
    expect(await bus.endOffsets(Topics.events.name)).toEqual(before);
  });

  it('takes a binary-mode event and a structured one sent as application/json as before', async () => {
    const { data, specversion, id, type, source, subject, time } = orderConfirmed();
    const binary = await post(JSON.stringify(data), {
      'content-type': 'application/json',
      'ce-specversion': String(specversion),
      'ce-id': String(id),
      'ce-type': String(type),
      'ce-source': String(source),
      'ce-subject': String(subject),
      'ce-time': String(time),
    });
    expect(binary.status).toBe(202);
    expect(await binary.json()).toEqual({ ids: [id] });
    const structured = orderConfirmed();
    const plain = await post(JSON.stringify(structured), { 'content-type': 'application/json' });
    expect(plain.status).toBe(202);
    await pollUntil('both are read back', () => [id, structured.id].every((eventId) => events.some(({ headers }) => headers.ce_id === eventId)));
  });
});
