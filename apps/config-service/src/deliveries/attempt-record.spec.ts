import { deliveryId } from '@hookbus/contracts';
import { type ConsumedMessage, MalformedMessageError } from '@hookbus/kafka';
import { decodeAttemptRecord, truncateUtf8 } from './attempt-record';

const message = (value: unknown): ConsumedMessage => ({
  topic: 'hookbus.deliveries.log.v1',
  partition: 0,
  offset: '0',
  key: null,
  value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  headers: {},
  timestamp: '0',
});

const record = {
  deliveryId: deliveryId('evt-1', 'sub_1'),
  eventId: 'evt-1',
  subscriptionId: 'sub_1',
  tenantId: 'tnt_a',
  plugin: 'postback',
  hook: 'order.completed',
  attempt: 1,
  at: '2025-01-01T00:00:00.000Z',
  request: { method: 'POST', url: 'https://example.test', headers: {}, body: '{}' },
  durationMs: 3,
  outcome: 'delivered',
};

describe('decodeAttemptRecord', () => {
  it('returns a valid record', () => {
    expect(decodeAttemptRecord(message({ ...record, subject: 'order-1' }))).toMatchObject({ attempt: 1, subject: 'order-1' });
  });

  it.each([
    ['no value', null, /no value/],
    ['not JSON', '{oops', /not JSON/],
    ['a broken contract', { ...record, attempt: 0, outcome: 'lost' }, /attempt: .*; outcome: /],
    ['an id longer than a column', { ...record, plugin: 'p'.repeat(41) }, /too large to store: plugin/],
    ['a delivery id not derived from its event and subscription', { ...record, deliveryId: 'dlv_forged' }, /not derived/],
  ])('calls %s malformed', (_, value, reason) => {
    const decode = () => decodeAttemptRecord(message(value));
    expect(decode).toThrow(MalformedMessageError);
    expect(decode).toThrow(reason);
  });
});

describe('truncateUtf8', () => {
  it('leaves a short text alone', () => {
    expect(truncateUtf8('héllo', 16)).toBe('héllo');
  });

  it('cuts at the byte limit without splitting a character', () => {
    expect(truncateUtf8('aé', 2)).toBe('a');
    expect(truncateUtf8('a€b', 4)).toBe('a€');
    expect(truncateUtf8('😀😀', 5)).toBe('😀');
  });
});
