import { MAX_EVENT_BYTES } from '@hookbus/contracts';
import { type ConsumedMessage, MalformedMessageError } from '@hookbus/kafka';
import { decodeEventMessage } from './event-message';

const event = (note: string) => ({
  specversion: '1.0',
  id: 'evt-1',
  source: 'urn:shop',
  type: 'order.completed',
  time: '2026-11-22T10:00:00Z',
  subject: 'order-1',
  tenantid: 'tnt_a',
  data: { note },
});
const message = (value: string): ConsumedMessage => ({ topic: 'hookbus.events.v1', partition: 0, offset: '7', key: 'tnt_a:order-1', value: Buffer.from(value), headers: {}, timestamp: '0' });

describe('decodeEventMessage', () => {
  it('decodes a structured event', () => {
    expect(decodeEventMessage(message(JSON.stringify(event('ok'))))).toMatchObject({ id: 'evt-1', data: { note: 'ok' } });
  });

  it(`treats an event over ${MAX_EVENT_BYTES} bytes (a producer writing to Kafka directly) as malformed, so it is quarantined with the reason`, () => {
    const base = JSON.stringify(event('')).length;
    expect(() => decodeEventMessage(message(JSON.stringify(event('x'.repeat(MAX_EVENT_BYTES - base)))))).not.toThrow();
    const oversized = JSON.stringify(event('x'.repeat(MAX_EVENT_BYTES - base + 1)));
    expect(() => decodeEventMessage(message(oversized))).toThrow(new MalformedMessageError(`event of ${MAX_EVENT_BYTES + 1} bytes exceeds the limit of ${MAX_EVENT_BYTES}`));
  });

  it('treats data nested deeper than 64 levels as malformed', () => {
    let data: unknown = 1;
    for (let level = 0; level < 65; level += 1) data = { level: data };
    expect(() => decodeEventMessage(message(JSON.stringify({ ...event(''), data })))).toThrow(/data: must not nest objects or arrays deeper than 64 levels \(max_depth\)/);
  });
});
