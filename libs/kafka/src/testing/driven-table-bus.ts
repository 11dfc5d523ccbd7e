import type { CompactedTopicReader, TableReaderOptions } from '../compacted-topic-reader';
import type { KafkaBus } from '../kafka-bus';

/**
 * A bus whose `readTable` reads what the test writes, without a broker: for unit tests of a view
 * over a compacted topic. `write(key, null)` is a tombstone; a string value is written as is, any
 * other value as JSON.
 */
export function drivenTableBus(caughtUp = true) {
  const reader = { isCaughtUp: caughtUp, caughtUp: () => Promise.resolve() };
  let options: TableReaderOptions = {};
  let topic: string | undefined;
  let offset = 0;
  const bus = {
    readTable: async (name: string, given: TableReaderOptions) => {
      [topic, options] = [name, given];
      return reader as unknown as CompactedTopicReader;
    },
  } as unknown as KafkaBus;
  const write = (key: string, value: unknown) => {
    const bytes = value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
    const message = { topic: topic ?? '', partition: 0, offset: String(offset++), key, value: bytes, headers: {}, timestamp: '0' };
    options.onChange?.({ key, value: bytes, message });
  };
  return { bus, reader, write, topic: () => topic };
}
