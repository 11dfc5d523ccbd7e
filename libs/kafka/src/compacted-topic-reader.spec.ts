import { Logger } from '@nestjs/common';
import type { Admin, Consumer, EachMessagePayload } from 'kafkajs';
import { CompactedTopicReader, type TableChange } from './compacted-topic-reader';

type Offsets = { partition: number; low: string; high: string }[];

// A kafkajs consumer and admin driven by the test: no broker.
function fakeReader(offsets: Offsets, onChange?: (change: TableChange) => void) {
  // The table a reader's user keeps from its changes.
  const table = new Map<string, string>();
  const keep = (change: TableChange) => {
    if (change.value === null) table.delete(change.key);
    else table.set(change.key, change.value.toString());
    onChange?.(change);
  };
  let eachMessage!: (payload: EachMessagePayload) => Promise<void>;
  const listeners = new Map<string, (event: { payload: Record<string, unknown> }) => void>();
  const consumer = {
    events: { END_BATCH_PROCESS: 'consumer.end_batch_process', CRASH: 'consumer.crash' },
    on: (event: string, listener: (event: { payload: Record<string, unknown> }) => void) => listeners.set(event, listener),
    connect: jest.fn(async () => undefined),
    subscribe: jest.fn(async () => undefined),
    run: jest.fn(async (config: { eachMessage: typeof eachMessage }) => void (eachMessage = config.eachMessage)),
    disconnect: jest.fn(async () => undefined),
  };
  const admin = { fetchTopicOffsets: jest.fn(async () => offsets) };
  const reader = new CompactedTopicReader('table.v1', { onChange: keep }, {
    consumer: consumer as unknown as Consumer,
    admin: admin as unknown as Admin,
    topicName: (name) => `p.${name}`,
    contractName: (topic) => topic.replace(/^p\./, ''),
  });
  const record = (partition: number, offset: number, key: string | null, value: string | null) =>
    eachMessage({
      topic: 'p.table.v1',
      partition,
      message: { offset: String(offset), key: key === null ? null : Buffer.from(key), value: value === null ? null : Buffer.from(value), headers: {}, timestamp: '0', attributes: 0 },
      heartbeat: async () => undefined,
      pause: () => () => undefined,
    });
  const controlBatch = (partition: number, firstOffset: string | null, lastOffset: string) =>
    listeners.get('consumer.end_batch_process')?.({ payload: { topic: 'p.table.v1', partition, firstOffset, lastOffset } });
  const text = () => new Map(table);
  return { reader, consumer, admin, record, controlBatch, text };
}

const settled = async (promise: Promise<unknown>) =>
  Promise.race([promise.then(() => 'resolved', () => 'rejected'), new Promise((resolve) => setImmediate(() => resolve('pending')))]);

describe('CompactedTopicReader', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('reads from the beginning without committing', async () => {
    const { reader, consumer, admin } = fakeReader([]);
    await reader.start();

    expect(admin.fetchTopicOffsets).toHaveBeenCalledWith('p.table.v1');
    expect(consumer.subscribe).toHaveBeenCalledWith({ topics: ['p.table.v1'], fromBeginning: true });
    expect(consumer.run).toHaveBeenCalledWith(expect.objectContaining({ autoCommit: false }));
  });

  it('is caught up at once when every partition is empty, whether never written or emptied', async () => {
    const { reader } = fakeReader([{ partition: 0, low: '0', high: '0' }, { partition: 1, low: '7', high: '7' }]);
    await reader.start();

    await expect(reader.caughtUp()).resolves.toBeUndefined();
    expect(reader.isCaughtUp).toBe(true);
  });

  it('catches up once each non-empty partition reached its end offset at start, and keeps following', async () => {
    const { reader, record, text } = fakeReader([
      { partition: 0, low: '0', high: '2' },
      { partition: 1, low: '0', high: '0' },
      { partition: 2, low: '3', high: '5' },
    ]);
    await reader.start();
    await record(0, 0, 'a', 'a1');
    await record(2, 3, 'b', 'b1');
    await record(0, 1, 'a', 'a2');
    expect(await settled(reader.caughtUp())).toBe('pending');

    await record(2, 4, 'b', null);
    expect(await settled(reader.caughtUp())).toBe('resolved');
    expect(text()).toEqual(new Map([['a', 'a2']]));

    await record(1, 0, 'c', 'c1');
    expect(text()).toEqual(new Map([['a', 'a2'], ['c', 'c1']]));
  });

  it('moves past a batch of only control records that reached no handler', async () => {
    const { reader, record, controlBatch } = fakeReader([{ partition: 0, low: '0', high: '3' }]);
    await reader.start();
    await record(0, 0, 'a', 'a1');
    controlBatch(0, null, '0');
    expect(reader.isCaughtUp).toBe(false);

    controlBatch(0, '1', '2');
    expect(reader.isCaughtUp).toBe(true);
  });

  it('skips records it already applied when kafkajs starts a partition over', async () => {
    const changes: string[] = [];
    const { reader, record, text } = fakeReader([{ partition: 0, low: '0', high: '9' }], ({ key, value }) =>
      changes.push(`${key}=${value?.toString() ?? null}`));
    await reader.start();
    await record(0, 0, 'a', 'a1');
    await record(0, 1, 'a', null);
    await record(0, 0, 'a', 'a1');

    expect(text()).toEqual(new Map());
    expect(changes).toEqual(['a=a1', 'a=null']);
  });

  it('logs a failing change handler and a record without a key, and goes on', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { reader, record, text } = fakeReader([{ partition: 0, low: '0', high: '3' }], () => {
      throw new Error('handler bug');
    });
    await reader.start();
    await record(0, 0, 'a', 'a1');
    await record(0, 1, null, 'orphan');
    await record(0, 2, 'b', 'b1');

    expect(text()).toEqual(new Map([['a', 'a1'], ['b', 'b1']]));
    expect(reader.isCaughtUp).toBe(true);
    expect(error).toHaveBeenCalledTimes(2);
  });

  it('rejects caughtUp when stopped before catching up', async () => {
    const { reader, consumer } = fakeReader([{ partition: 0, low: '0', high: '1' }]);
    await reader.start();
    await reader.stop();

    await expect(reader.caughtUp()).rejects.toThrow('stopped before catching up with table.v1');
    expect(consumer.disconnect).toHaveBeenCalledTimes(1);
  });

  it('asks again for the end offsets while the new topic has no leader yet', async () => {
    const { reader, admin } = fakeReader([]);
    admin.fetchTopicOffsets.mockRejectedValueOnce(Object.assign(new Error('not the leader'), { retriable: true }));
    await reader.start();

    expect(admin.fetchTopicOffsets).toHaveBeenCalledTimes(2);
    expect(reader.isCaughtUp).toBe(true);
  });
});
