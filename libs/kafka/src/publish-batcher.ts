import type { OutgoingMessage } from './consumed-message';

/** One produce call's worth of messages, grouped by topic in the order they were published. */
export type TopicBatch = { readonly topic: string; readonly messages: OutgoingMessage[] }[];

interface Pending {
  readonly topic: string;
  readonly messages: readonly OutgoingMessage[];
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Keeps a produce request well under the broker's default 1 MB message batch limit. */
const MAX_BATCH_BYTES = 512 * 1024;

/**
 * Carries the messages of many `publish` calls in one produce request. With nothing in flight a
 * publish is sent at once, so a lone message waits no longer than before; what is published while
 * a send is in flight goes out together in the next one. Each caller's promise settles with the
 * send that carried its messages (acks=all), so `publish` keeps its durability contract, and one
 * send at a time keeps per-key order across calls. If a combined send fails, its calls are sent
 * one by one, so one bad message (too large, unknown topic) fails only its own caller.
 */
export class PublishBatcher {
  private queue: Pending[] = [];
  private sending = false;

  constructor(private readonly send: (batch: TopicBatch) => Promise<void>) {}

  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ topic, messages, bytes: sizeOf(messages), resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      try {
        await this.send(grouped(batch));
        for (const pending of batch) pending.resolve();
      } catch (error) {
        if (batch.length === 1) batch[0].reject(error);
        else await this.sendOneByOne(batch);
      }
    }
    this.sending = false;
  }

  private takeBatch(): Pending[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && (count === 0 || bytes + this.queue[count].bytes <= MAX_BATCH_BYTES)) {
      bytes += this.queue[count].bytes;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async sendOneByOne(batch: readonly Pending[]): Promise<void> {
    for (const pending of batch) {
      await this.send(grouped([pending])).then(pending.resolve, pending.reject);
    }
  }
}

function grouped(batch: readonly Pending[]): TopicBatch {
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (const { topic, messages } of batch) {
    const list = byTopic.get(topic) ?? [];
    if (list.length === 0) byTopic.set(topic, list);
    list.push(...messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

const sizeOf = (messages: readonly OutgoingMessage[]): number =>
  messages.reduce((sum, { key, value }) => sum + (key?.length ?? 0) + (value?.length ?? 0), 0);
