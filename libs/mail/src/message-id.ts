import { createHash } from 'node:crypto';

/**
 * A deterministic RFC 5322 Message-ID for `key` (e.g. a notification id): the same key always
 * yields the same id, so a mail re-sent after a crash is recognisably the same message.
 */
export function messageIdFor(key: string, domain: string): string {
  const local = createHash('sha256').update(key).digest('base64url').slice(0, 32);
  return `<${local}@${domain}>`;
}
