import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export interface HeaderScanOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Physical topic name (with any prefix already applied). */
  readonly topic: string;
  readonly header: string;
  /** The header values looked for. */
  readonly values: ReadonlySet<string>;
  /** Records older than this (by their timestamp) are not read. */
  readonly since: Date;
  /** The scan fails (rejects) rather than answer "not found" after this long; default 30 s. */
  readonly timeoutMs?: number;
}

/**
 * Which of `values` appear in header `header` of a topic's records written since `since`, read
 * up to the end offsets at the time of the call. Used to find out whether something was already
 * published before publishing it again (e.g. after a crash between publish and bookkeeping).
 * Never answers from partial data: a timeout or broker error rejects, so the caller cannot take
 * "not seen" for "not there". Uses a short-lived client and a throwaway group that never commits.
 */
export async function findHeaderValues(options: HeaderScanOptions): Promise<Set<string>> {
  const found = new Set<string>();
  if (options.values.size === 0) return found;
  const kafka = new Kafka({ clientId: options.clientId, brokers: [...options.brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map((await admin.fetchTopicOffsets(options.topic)).map(({ partition, high }) => [partition, BigInt(high)]));
    const starts = await admin.fetchTopicOffsetsByTimestamp(options.topic, options.since.getTime());
    const ranges = starts
      .map(({ partition, offset }) => ({ partition, start: BigInt(offset), end: ends.get(partition) ?? 0n }))
      .filter(({ start, end }) => start < end);
    if (ranges.length === 0) return found;
    await readRanges(kafka, options, ranges, found);
    return found;
  } finally {
    await admin.disconnect();
  }
}

interface Range {
  readonly partition: number;
  readonly start: bigint;
  readonly end: bigint;
}

async function readRanges(kafka: Kafka, options: HeaderScanOptions, ranges: readonly Range[], found: Set<string>): Promise<void> {
  const consumer = kafka.consumer({ groupId: `${options.clientId}.scan.${randomBytes(6).toString('hex')}`, maxWaitTimeInMs: 200 });
  const pending = new Map(ranges.map(({ partition, end }) => [partition, end]));
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`scan of ${options.topic} did not finish within ${options.timeoutMs ?? 30_000} ms`)), options.timeoutMs ?? 30_000);
      const advance = (partition: number, next: bigint) => {
        const end = pending.get(partition);
        if (end !== undefined && next >= end) pending.delete(partition);
        if (pending.size === 0 || found.size === options.values.size) resolve();
      };
      const run = async () => {
        await consumer.connect();
        await consumer.subscribe({ topics: [options.topic], fromBeginning: false });
        // Batches of only control records reach no handler but still move the position.
        consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
          if (payload.firstOffset !== null) advance(payload.partition, BigInt(payload.lastOffset) + 1n);
        });
        await consumer.run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const value = message.headers?.[options.header]?.toString();
            if (value !== undefined && options.values.has(value)) found.add(value);
            advance(partition, BigInt(message.offset) + 1n);
          },
        });
        // kafkajs applies seeks once the partitions are assigned.
        for (const { partition, start } of ranges) consumer.seek({ topic: options.topic, partition, offset: start.toString() });
      };
      run().catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}
