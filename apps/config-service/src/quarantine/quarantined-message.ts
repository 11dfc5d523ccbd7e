import { type ConsumedMessage, type OutgoingMessage, QuarantineHeaders } from '@hookbus/kafka';

/** Characters of a value a list shows. */
export const PREVIEW_CHARS = 200;

/** Marks a replayed message with the quarantine id it came from, for whoever consumes it again. */
export const REPLAYED_FROM_HEADER = 'hookbus-replayed-from';

export interface MessageSource {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** A message read from the quarantine topic, as the API describes it. */
export interface QuarantinedMessage {
  readonly id: string;
  readonly source?: MessageSource;
  readonly key: string | null;
  readonly reason?: string;
  readonly group?: string;
  readonly attempts?: number;
  readonly quarantinedAt: string;
  readonly size: number;
  readonly preview: string;
}

export const quarantineIdOf = (message: Pick<ConsumedMessage, 'partition' | 'offset'>): string => `${message.partition}:${message.offset}`;

/** `<topic>/<partition>/<offset>`, as quarantineMessage writes it; undefined when it is not that. */
export function parseSource(header: string | undefined): MessageSource | undefined {
  const match = header === undefined ? null : /^(.+)\/(\d+)\/(\d+)$/.exec(header);
  return match ? { topic: match[1], partition: Number(match[2]), offset: match[3] } : undefined;
}

export function describeQuarantined(message: ConsumedMessage): QuarantinedMessage {
  const headers = message.headers;
  const attempts = Number(headers[QuarantineHeaders.attempts]);
  const at = new Date(headers[QuarantineHeaders.at] ?? '');
  const value = message.value ?? Buffer.alloc(0);
  const source = parseSource(headers[QuarantineHeaders.source]);
  return {
    id: quarantineIdOf(message),
    ...(source ? { source } : {}),
    key: message.key,
    reason: headers[QuarantineHeaders.reason],
    group: headers[QuarantineHeaders.group],
    ...(Number.isInteger(attempts) ? { attempts } : {}),
    // The header says when the consumer gave up; the record's timestamp is the fallback.
    quarantinedAt: (Number.isNaN(at.getTime()) ? new Date(Number(message.timestamp)) : at).toISOString(),
    size: value.length,
    preview: value.subarray(0, PREVIEW_CHARS * 4).toString('utf8').slice(0, PREVIEW_CHARS),
  };
}

/** The message as it was before quarantine: key, bytes and headers, marked with where it was replayed from. */
export function originalMessage(message: ConsumedMessage): OutgoingMessage {
  const quarantineNames = new Set<string>(Object.values(QuarantineHeaders));
  const headers = Object.fromEntries(Object.entries(message.headers).filter(([name]) => !quarantineNames.has(name)));
  return { key: message.key, value: message.value, headers: { ...headers, [REPLAYED_FROM_HEADER]: quarantineIdOf(message) } };
}
