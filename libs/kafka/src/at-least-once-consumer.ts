import type { Consumer, EachMessagePayload } from 'kafkajs';
import { type ConsumedMessage, type OutgoingMessage, toConsumedMessage } from './consumed-message';
import { errorMessage, isRetriable } from './errors';
import { quarantineMessage } from './quarantine';

export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

export interface ConsumerOptions {
  readonly groupId: string;
  /** Contract topic names (without prefix). */
  readonly topics: readonly string[];
  readonly handle: MessageHandler;
  /** Attempts of the handler before the message is quarantined (retriable errors only). */
  readonly maxAttempts?: number;
  /** Backoff between attempts: `retryDelayMs * 2^(attempt-1)`, at most MAX_RETRY_DELAY_MS. */
  readonly retryDelayMs?: number;
  /** Partitions processed in parallel; messages of one partition stay sequential. */
  readonly partitionsConsumedConcurrently?: number;
}

export interface ConsumerCollaborators {
  readonly consumer: Consumer;
  readonly topicName: (name: string) => string;
  readonly contractName: (topic: string) => string;
  readonly quarantine: (message: OutgoingMessage) => Promise<void>;
  readonly onQuarantined: (message: ConsumedMessage, reason: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps each wait well inside the group session timeout (the consumer heartbeats between waits). */
const MAX_RETRY_DELAY_MS = 5_000;

/**
 * Runs a handler over every message with at-least-once semantics: the offset is committed only after
 * the handler resolved (its own publishes were acknowledged by all in-sync replicas) or after the
 * message was durably quarantined. A failing message is retried a bounded number of times, so a
 * poison message never blocks its partition and is never silently dropped.
 */
export class AtLeastOnceConsumer {
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private stopped?: Promise<void>;

  constructor(
    private readonly options: ConsumerOptions,
    private readonly collaborators: ConsumerCollaborators,
  ) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 200;
  }

  async start(): Promise<void> {
    const { consumer, topicName } = this.collaborators;
    await consumer.connect();
    // New groups start at the earliest offset: events produced before a first deploy are not skipped.
    await consumer.subscribe({ topics: this.options.topics.map(topicName), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachMessage: (payload) => this.process(payload),
    });
  }

  /** Stops fetching, lets the in-flight message finish and commit, and leaves the group. */
  stop(): Promise<void> {
    this.stopped ??= this.collaborators.consumer.disconnect();
    return this.stopped;
  }

  private async process({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const consumed = toConsumedMessage(this.collaborators.contractName(topic), partition, message);
    await this.handleOrQuarantine(consumed, heartbeat);
    await this.collaborators.consumer.commitOffsets([
      { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
    ]);
  }

  private async handleOrQuarantine(message: ConsumedMessage, heartbeat: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.handle(message);
        return;
      } catch (error) {
        if (isRetriable(error) && attempt < this.maxAttempts) {
          await sleep(Math.min(this.retryDelayMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS));
          // A long run of retries must not get this member evicted from its group.
          await heartbeat();
          continue;
        }
        const reason = errorMessage(error);
        // If this publish fails, the error propagates: the offset stays uncommitted and kafkajs
        // re-fetches the message, so it is neither lost nor skipped.
        await this.collaborators.quarantine(
          quarantineMessage(message, { reason, groupId: this.options.groupId, attempts: attempt }),
        );
        this.collaborators.onQuarantined(message, reason);
        return;
      }
    }
  }
}
