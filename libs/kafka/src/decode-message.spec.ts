import { z } from 'zod';
import type { ConsumedMessage } from './consumed-message';
import { decodeMessage } from './decode-message';
import { MalformedMessageError } from './errors';

const message = (value: string | null): ConsumedMessage => ({
  topic: 'hookbus.deliveries.retry.v1',
  partition: 0,
  offset: '3',
  key: 'dlv_1',
  value: value === null ? null : Buffer.from(value),
  headers: {},
  timestamp: '0',
});
const record = z.object({ id: z.string(), attempt: z.int().min(1) });
const decode = (value: string | null) => decodeMessage(message(value), record, 'retry record');

describe('decodeMessage', () => {
  it('answers the value the schema describes', () => {
    expect(decode('{"id":"dlv_1","attempt":2}')).toEqual({ id: 'dlv_1', attempt: 2 });
  });

  it.each([
    [null, 'value is not JSON: message has no value'],
    ['{"id":', 'value is not JSON: '],
    ['{"id":"dlv_1","attempt":0}', 'not a valid retry record: attempt'],
  ])('refuses %j as malformed, never to be retried', (value, reason) => {
    const error = (() => {
      try {
        decode(value);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(MalformedMessageError);
    expect((error as MalformedMessageError).message).toContain(reason);
    expect((error as MalformedMessageError).retriable).toBe(false);
  });
});
