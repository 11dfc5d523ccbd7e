import type { Consumer, EachBatchPayload } from 'kafkajs';
import { type ConsumedMessage, type OutgoingMessage, toConsumedMessage } from './consumed-message';
import { KeyedLimiter } from './keyed-limiter';
import { OffsetTracker } from './offset-tracker';
import { keepRunning } from './keep-running';
import { isOutageError } from './outage-error';
import { quarantineMessage } from './quarantine';
import { type DependencyProbe, handleWithRetries, type RetryPolicy } from './retry-policy';

export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

export interface ConsumerOptions {
  readonly groupId: string;
  /** Contract topic names (without prefix). */
  readonly topics: readonly string[];
  readonly handle: MessageHandler;
  /** Failures while every dependency answers before the message is quarantined (see handleWithRetries). */
  readonly maxAttempts?: number;
  /** Backoff between attempts and during outages: `retryDelayMs * 2^n`, at most MAX_RETRY_DELAY_MS. */
  readonly retryDelayMs?: number;
  /** What the handler needs besides the broker (which KafkaBus adds): asked when it fails. */
  readonly probes?: readonly DependencyProbe[];
  /** Partitions fetched in parallel. */
  readonly partitionsConsumedConcurrently?: number;
  /** Messages handled at once by this instance (default 1: strictly one after another). */
  readonly maxInFlight?: number;
  /** Messages with the same ordering key are handled in offset order (default: the message key). */
  readonly orderingKey?: (message: ConsumedMessage) => string | null;
  /**
   * How long the broker may hold a fetch to gather more messages (default: it answers as soon as
   * there is one). Where the handler groups its work anyway, a few hundred ms turn a steady trickle
   * into a few large fetches, at the price of that much delay.
   */
  readonly fetchGatherMs?: number;
}

export interface ConsumerCollaborators {
  readonly consumer: Consumer;
  readonly topicName: (name: string) => string;
  readonly contractName: (topic: string) => string;
  readonly quarantine: (message: OutgoingMessage) => Promise<void>;
  readonly onQuarantined: (message: ConsumedMessage, reason: string) => void;
  readonly onCommitFailed: (error: unknown) => void;
  /** Told of every crash of the kafkajs consumer; it starts again (see keepRunning). */
  readonly onCrash: (error: Error) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// While the broker is down the heartbeat fails too, and the wait goes on.
const keepAlive = (heartbeat: () => Promise<void>) => () => heartbeat().catch((error: unknown) => (isOutageError(error) ? undefined : Promise.reject(error)));

const MAX_RETRY_DELAY_MS = 5_000;
// kafkajs heartbeats only when its loop asks (at most once per heartbeat interval). Waiting for a
// slot behind slow handlers or an outage's backoff asks this often, so the session never expires.
const HEARTBEAT_TICK_MS = 500;

/**
 * Least time between two commit requests. At a steady thousand messages a second, committing after
 * every round trip sent a request per message or two; a tenth of a second gathers them into one.
 * A crash then redelivers at most that much more (at-least-once either way).
 */
const COMMIT_INTERVAL_MS = 100;

/**
 * Runs a handler over every message with at-least-once semantics: an offset is committed only once
 * the handler resolved (its own publishes were acknowledged by all in-sync replicas) or the message
 * was durably quarantined, and with several messages in flight only below the lowest unfinished
 * one. An outage of the broker or a probed dependency is waited out, holding the message; a message
 * that keeps failing while they answer is quarantined, so it neither blocks its partition nor is
 * dropped. An outcome that could not be made durable stops the consumer (kafkajs restarts it).
 */
export class AtLeastOnceConsumer {
  private readonly policy: RetryPolicy;
  // Messages waiting out an outage, with its reason: the consumer is not ready meanwhile.
  private readonly outages = new Map<ConsumedMessage, string>();
  // Set from a crash until the consumer has joined its group again: nothing is read meanwhile.
  private crash?: string;
  private readonly limiter: KeyedLimiter;
  private readonly tracker = new OffsetTracker();
  private readonly toCommit = new Map<string, { topic: string; partition: number; offset: string }>();
  private committing?: Promise<void>;
  private generation = 0;
  private failure?: unknown;
  private stopping = false;
  private stopped?: Promise<void>;

  constructor(
    private readonly options: ConsumerOptions,
    private readonly collaborators: ConsumerCollaborators,
  ) {
    this.policy = {
      maxAttempts: options.maxAttempts ?? 3,
      retryDelayMs: options.retryDelayMs ?? 200,
      maxRetryDelayMs: MAX_RETRY_DELAY_MS,
      probes: options.probes ?? [],
    };
    this.limiter = new KeyedLimiter(options.maxInFlight ?? 1);
  }

  async start(): Promise<void> {
    const { consumer, topicName } = this.collaborators;
    // After a rebalance fetching restarts from the committed offsets; older work must not commit.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.generation += 1;
      this.tracker.reset();
      this.toCommit.clear();
      this.failure = undefined;
      this.crash = undefined;
    });
    await consumer.connect();
    // New groups start at the earliest offset: events produced before a first deploy are not skipped.
    await consumer.subscribe({ topics: this.options.topics.map(topicName), fromBeginning: true });
    const run = {
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload: EachBatchPayload) => this.dispatch(payload),
    };
    await keepRunning(consumer, run, {
      stopping: () => this.stopping,
      onCrash: (error) => {
        this.crash = `consumer crashed, starting again: ${String(error)}`;
        this.collaborators.onCrash(error);
      },
    });
  }

  /** The outage a message is waiting out, or the crash the consumer is recovering from: no progress is made until it ends. */
  get outage(): string | undefined {
    return this.crash ?? this.outages.values().next().value;
  }

  /** Stops taking messages, lets the ones in flight finish and commit, then leaves the group. */
  stop(): Promise<void> {
    this.stopping = true;
    this.stopped ??= this.limiter.drain().then(() => this.committing).then(() => this.collaborators.consumer.disconnect());
    return this.stopped;
  }

  private async dispatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const topic = this.collaborators.contractName(batch.topic);
    for (const message of batch.messages) {
      if (this.failure !== undefined) throw this.failure;
      if (this.stopping || !isRunning() || isStale()) return;
      const consumed = toConsumedMessage(topic, batch.partition, message);
      const offset = BigInt(message.offset);
      const generation = this.generation;
      this.tracker.dispatched(batch.topic, batch.partition, offset);
      const key = this.options.orderingKey ? this.options.orderingKey(consumed) : consumed.key;
      await this.limiter.submit(
        key,
        async () => {
          await this.handleOrQuarantine(consumed, heartbeat);
          // The slot is free once the work is durable; the commit rides along with the next flush
          // (stop() waits for it), so a commit round trip never holds up the next message.
          if (generation === this.generation) this.commit(batch.topic, batch.partition, offset);
        },
        (error) => (this.failure ??= error),
        { everyMs: HEARTBEAT_TICK_MS, call: keepAlive(heartbeat) },
      );
      // Fetching moves on; the commit only follows completed messages.
      resolveOffset(message.offset);
      await heartbeat();
    }
  }

  /**
   * Records the new commit point and lets one commit request at a time, at most one per
   * COMMIT_INTERVAL_MS, carry the latest points of every partition.
   */
  private commit(topic: string, partition: number, offset: bigint): void {
    const next = this.tracker.finished(topic, partition, offset);
    if (next !== undefined) this.toCommit.set(`${topic}:${partition}`, { topic, partition, offset: next.toString() });
    // flushCommits awaits before it clears `committing`, so this assignment always comes first.
    if (this.toCommit.size > 0) this.committing ??= this.flushCommits();
  }

  private async flushCommits(): Promise<void> {
    try {
      while (this.toCommit.size > 0) {
        const offsets = [...this.toCommit.values()];
        this.toCommit.clear();
        try {
          await this.collaborators.consumer.commitOffsets(offsets);
        } catch (error) {
          // Typically a partition moved to another member; it resumes from the last commit (at-least-once).
          this.collaborators.onCommitFailed(error);
        }
        // Points finished meanwhile wait for the next request; stop() waits for it too.
        await sleep(COMMIT_INTERVAL_MS);
      }
    } finally {
      // Cleared with no await after the last check, so a new commit point always starts a new flush.
      this.committing = undefined;
    }
  }

  private async handleOrQuarantine(message: ConsumedMessage, heartbeat: () => Promise<void>): Promise<void> {
    const outcome = await handleWithRetries(() => this.options.handle(message), this.policy, {
      wait: async (ms) => {
        await sleep(ms);
        // Shutdown must not wait for an outage to end; the message stays uncommitted.
        if (this.stopping) throw new Error('consumer stopping during a retry');
        await keepAlive(heartbeat)();
      },
      outage: (reason) => (reason === undefined ? this.outages.delete(message) : this.outages.set(message, reason)),
    }).finally(() => this.outages.delete(message));
    if (outcome.handled) return;
    // A failed publish stops the consumer before the commit: the message is fetched again, not lost.
    await this.collaborators.quarantine(quarantineMessage(message, { ...outcome, groupId: this.options.groupId }));
    this.collaborators.onQuarantined(message, outcome.reason);
  }
}
