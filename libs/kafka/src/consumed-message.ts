import { MalformedMessageError } from './errors';
import type { IHeaders, KafkaMessage } from 'kafkajs';

/** A message as a handler sees it: the topic's contract name (without prefix) and string headers. */
export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: string;
}

/** A message to publish. `value: null` is a tombstone on a compacted topic. */
export interface OutgoingMessage {
  readonly key: string | null;
  readonly value: string | Buffer | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** Normally chosen from the key; set only where a test or tool must pin the partition. */
  readonly partition?: number;
}

export function toConsumedMessage(topic: string, partition: number, message: KafkaMessage): ConsumedMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: message.value,
    headers: stringHeaders(message.headers),
    timestamp: message.timestamp,
  };
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    result[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return result;
}

/** The message's value parsed as JSON. Bytes that are not JSON never will be: MalformedMessageError. */
export function jsonValue(message: ConsumedMessage): unknown {
  if (message.value === null) throw new MalformedMessageError('value is not JSON: message has no value');
  try {
    return JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    throw new MalformedMessageError(`value is not JSON: ${(error as Error).message}`, { cause: error });
  }
}
