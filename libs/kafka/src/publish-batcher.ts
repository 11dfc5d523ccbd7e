import { Coalescer } from './coalescer';
import type { OutgoingMessage } from './consumed-message';
import { isOutageError } from './outage-error';

/** One produce call's worth of messages, grouped by topic in the order they were published. */
export type TopicBatch = { readonly topic: string; readonly messages: OutgoingMessage[] }[];

interface Publication {
  readonly topic: string;
  readonly messages: readonly OutgoingMessage[];
}

/** Keeps a produce request well under the broker's default 1 MB message batch limit. */
const MAX_BATCH_BYTES = 512 * 1024;
/** Publications that make a request worth sending without lingering, unless told otherwise. */
const LINGER_BELOW = 8;

/**
 * Carries the messages of many `publish` calls in one produce request (see Coalescer): a lone
 * publish is sent at once (or after `lingerMs`, for company), concurrent ones share the next send. Each caller's promise settles with
 * the send that carried its messages (acks=all), so `publish` keeps its durability contract, and
 * one send at a time keeps per-key order across calls. A send failing because the broker is out of
 * reach fails every call it carried at once; any other failure may be one message's (too large),
 * so the calls are then sent one by one and only the bad one fails.
 */
export class PublishBatcher {
  private readonly coalescer: Coalescer<Publication>;

  constructor(send: (batch: TopicBatch) => Promise<void>, lingerMs = 0, lingerBelow = LINGER_BELOW) {
    this.coalescer = new Coalescer((publications) => send(grouped(publications)), {
      maxWeight: MAX_BATCH_BYTES,
      weigh: sizeOf,
      lingerMs,
      lingerBelow,
      mayBeOneItem: (error) => !isOutageError(error),
    });
  }

  /** A large publication goes in several sends, in order: the broker limits each partition's batch. */
  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    await Promise.all(chunked(messages).map((chunk) => this.coalescer.submit({ topic, messages: chunk })));
  }
}

function chunked(messages: readonly OutgoingMessage[]): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let weight = Infinity;
  for (const message of messages) {
    const next = messageBytes(message);
    if (weight + next > MAX_BATCH_BYTES) {
      chunks.push([]);
      weight = 0;
    }
    chunks[chunks.length - 1].push(message);
    weight += next;
  }
  return chunks;
}

function grouped(publications: readonly Publication[]): TopicBatch {
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (const { topic, messages } of publications) {
    const list = byTopic.get(topic) ?? [];
    if (list.length === 0) byTopic.set(topic, list);
    list.push(...messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

const bytesOf = (data: string | Buffer | null | undefined): number =>
  typeof data === 'string' ? Buffer.byteLength(data) : (data?.length ?? 0);

const messageBytes = ({ key, value }: OutgoingMessage): number => bytesOf(key) + bytesOf(value);

const sizeOf = ({ messages }: Publication): number => messages.reduce((sum, message) => sum + messageBytes(message), 0);
