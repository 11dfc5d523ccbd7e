import type { OutgoingMessage } from '../consumed-message';
import type { KafkaBus } from '../kafka-bus';

/** A message as the in-memory bus kept it: the topic's contract name and what was published. */
export interface PublishedMessage {
  readonly topic: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Stands in for KafkaBus where the code under test only publishes: every message is kept in
 * publish order, and `publish` resolves at once, as if the broker had acknowledged it. A topic
 * can be made to refuse its next publish, as a broker outage would, to test what a failed write
 * stops.
 */
export class InMemoryBus implements Pick<KafkaBus, 'publish'> {
  readonly published: PublishedMessage[] = [];
  private readonly refusing = new Map<string, Error>();

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    const refusal = this.refusing.get(topic);
    if (refusal) {
      this.refusing.delete(topic);
      throw refusal;
    }
    for (const { key, value, headers } of messages) {
      this.published.push({ topic, key, value: value === null ? null : value.toString(), headers: { ...headers } });
    }
  }

  /** The values published to a topic, parsed as JSON, in publish order. */
  values<T = unknown>(topic: string): T[] {
    return this.published.filter((message) => message.topic === topic && message.value !== null).map((message) => JSON.parse(message.value as string) as T);
  }

  /** The topics written, in publish order, one entry per message. */
  topics(): string[] {
    return this.published.map(({ topic }) => topic);
  }

  /** The next publish to `topic` rejects with `error` (and keeps nothing). */
  refuseNext(topic: string, error = new Error(`broker refused ${topic}`)): void {
    this.refusing.set(topic, error);
  }

  clear(): void {
    this.published.length = 0;
    this.refusing.clear();
  }

  /** This bus where a KafkaBus is expected; only `publish` may be called on it. */
  asKafkaBus(): KafkaBus {
    return this as unknown as KafkaBus;
  }
}
