import type { Consumer } from 'kafkajs';
import { type ConsumedMessage, toConsumedMessage } from './consumed-message';

/** Offsets `[start, end)` of one partition. */
export interface OffsetRange {
  readonly partition: number;
  readonly start: bigint;
  readonly end: bigint;
}

export interface RangeReadOptions {
  /** Physical topic name. */
  readonly topic: string;
  /** Contract name, as the visitor sees it. */
  readonly contractTopic: string;
  readonly ranges: readonly OffsetRange[];
  /** Rejects rather than answer from part of the ranges after this long. */
  readonly timeoutMs: number;
}

/**
 * Reads each range once with a consumer of a throwaway group that never commits. `visit` answers
 * false when it needs no more of that partition. Resolves once every partition is done; a timeout
 * or broker error rejects, so a caller never takes a partial read for the whole.
 */
export async function readOffsetRanges(consumer: Consumer, options: RangeReadOptions, visit: (message: ConsumedMessage) => boolean): Promise<void> {
  const pending = new Map(options.ranges.filter(({ start, end }) => start < end).map(({ partition, end }) => [partition, end]));
  if (pending.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`reading ${options.topic} did not finish within ${options.timeoutMs} ms`)), options.timeoutMs);
      const advance = (partition: number, next: bigint) => {
        const end = pending.get(partition);
        if (end !== undefined && next >= end) pending.delete(partition);
        if (pending.size === 0) resolve();
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
            const end = pending.get(partition);
            if (end === undefined || BigInt(message.offset) >= end) return;
            const more = visit(toConsumedMessage(options.contractTopic, partition, message));
            if (!more) pending.delete(partition);
            advance(partition, BigInt(message.offset) + 1n);
          },
        });
        // kafkajs applies seeks once the partitions are assigned.
        for (const { partition, start } of options.ranges) {
          if (pending.has(partition)) consumer.seek({ topic: options.topic, partition, offset: start.toString() });
        }
      };
      run().catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}
