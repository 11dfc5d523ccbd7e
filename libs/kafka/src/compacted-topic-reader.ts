import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Admin, Consumer, EachMessagePayload } from 'kafkajs';
import { type ConsumedMessage, toConsumedMessage } from './consumed-message';
import { errorMessage, isRetriable } from './errors';
import { keepRunning } from './keep-running';

/** One record of a compacted topic as the table sees it. */
export interface TableChange {
  readonly key: string;
  /** The new value of the key, or null when a tombstone deleted it. */
  readonly value: Buffer | null;
  readonly message: ConsumedMessage;
}

export interface TableReaderOptions {
  /**
   * Called for every keyed record, in offset order within a partition (so per key), tombstones
   * included. An error it throws is logged; the reader goes on.
   */
  readonly onChange?: (change: TableChange) => void;
}

/** The longest the reader applies records without letting the process's other work run. */
const SLICE_MS = 10;

export interface TableReaderCollaborators {
  readonly consumer: Consumer;
  readonly admin: Admin;
  readonly topicName: (name: string) => string;
  readonly contractName: (topic: string) => string;
}

const OFFSET_ATTEMPTS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Right after a topic was created its leaders may not be known everywhere yet ("not the leader").
async function endOffsetsAtStart(admin: Admin, topic: string): ReturnType<Admin['fetchTopicOffsets']> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (!isRetriable(error) || attempt === OFFSET_ATTEMPTS) throw error;
      await sleep(100 * attempt);
    }
  }
}

/** A consumer group of its own per start, so nothing committed earlier can make a reader skip records. */
export const throwawayGroupId = (clientId: string, topic: string): string =>
  `${clientId}.table.${topic}.${randomBytes(6).toString('hex')}`;

/**
 * Reads a compacted topic (contract name) for an in-memory table that `onChange` keeps (the latest
 * value per key; a tombstone deletes the key): the reader holds no copy, as a value is a slice of a
 * whole fetch response. Every start reads the topic from its first offset in a throwaway consumer
 * group and never commits. `caughtUp()` resolves once every record that was on the topic when the
 * reader started has been handed over; the reader keeps following new records afterwards, and
 * yields to the process's other work every few milliseconds while it reads a long backlog.
 */
export class CompactedTopicReader {
  private readonly logger = new Logger(CompactedTopicReader.name);
  private applied = 0;
  private sliceStartedAt = performance.now();
  // Next offset to apply per partition.
  private readonly positions = new Map<number, bigint>();
  // Partitions not read up to their end offset at start yet, with that offset.
  private readonly behind = new Map<number, bigint>();
  private readonly reachedEnd: Promise<void>;
  private settle!: (error?: Error) => void;
  private caught = false;
  private stopped?: Promise<void>;

  constructor(
    readonly topic: string,
    private readonly options: TableReaderOptions,
    private readonly collaborators: TableReaderCollaborators,
  ) {
    this.reachedEnd = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve());
    });
    // Nobody has to await caughtUp(); a reader stopped early must not become an unhandled rejection.
    this.reachedEnd.catch(() => undefined);
  }

  get isCaughtUp(): boolean {
    return this.caught;
  }

  /** Resolves once every record that existed at start was handed over; rejects if stopped before. */
  caughtUp(): Promise<void> {
    return this.reachedEnd;
  }

  async start(): Promise<void> {
    const { consumer, admin, topicName } = this.collaborators;
    const topic = topicName(this.topic);
    // The targets come first: caught up means "everything that was there when we started".
    for (const { partition, low, high } of await endOffsetsAtStart(admin, topic)) {
      // low = high: an empty partition (end offset 0) or one whose records are all gone.
      if (BigInt(high) > BigInt(low)) this.behind.set(partition, BigInt(high));
    }
    this.settleIfCaughtUp();
    // Batches of only control records or aborted messages reach no handler but still move the position.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.topic === topic && payload.firstOffset !== null) this.advance(payload.partition, BigInt(payload.lastOffset) + 1n);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await keepRunning(consumer, { autoCommit: false, eachMessage: (payload) => this.apply(payload) }, {
      stopping: () => this.stopped !== undefined,
      onCrash: (error) => this.logger.error({ message: 'consumer crashed; it starts again', topic: this.topic, reason: errorMessage(error) }),
    });
  }

  /** Stops following the topic and leaves the throwaway group. */
  stop(): Promise<void> {
    if (!this.caught) this.settle(new Error(`stopped before catching up with ${this.topic}`));
    this.stopped ??= this.collaborators.consumer.disconnect();
    return this.stopped;
  }

  private async apply({ topic, partition, message }: EachMessagePayload): Promise<void> {
    const offset = BigInt(message.offset);
    // Nothing is committed, so after a rebalance kafkajs starts over from the first offset; records
    // already applied are skipped, or the table would briefly go back in time.
    if (offset < (this.positions.get(partition) ?? 0n)) return;
    const consumed = toConsumedMessage(this.collaborators.contractName(topic), partition, message);
    if (consumed.key === null) {
      this.logger.warn({ message: 'record without a key ignored', topic: this.topic, partition, offset: consumed.offset });
    } else {
      this.notify({ key: consumed.key, value: consumed.value, message: consumed });
      this.applied += 1;
    }
    this.advance(partition, offset + 1n);
    // kafkajs hands a batch's records over without returning to the event loop: yield now and then.
    if (performance.now() - this.sliceStartedAt > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      this.sliceStartedAt = performance.now();
    }
  }

  private notify(change: TableChange): void {
    try {
      this.options.onChange?.(change);
    } catch (error) {
      // Throwing back into kafkajs would re-fetch the record forever and stall the whole table.
      this.logger.error({ message: 'table change handler failed', topic: this.topic, key: change.key, reason: errorMessage(error) });
    }
  }

  private advance(partition: number, position: bigint): void {
    if (position > (this.positions.get(partition) ?? 0n)) this.positions.set(partition, position);
    const target = this.behind.get(partition);
    if (target === undefined || position < target) return;
    this.behind.delete(partition);
    this.settleIfCaughtUp();
  }

  private settleIfCaughtUp(): void {
    if (this.caught || this.behind.size > 0) return;
    this.caught = true;
    this.logger.log({ message: 'caught up', topic: this.topic, records: this.applied });
    this.settle();
  }
}
