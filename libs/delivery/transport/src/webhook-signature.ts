import { createHmac } from 'node:crypto';
import { memoized } from './memoized';

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface WebhookSignatureInput {
  /** The delivery id: the same on every attempt, so receivers can dedupe. */
  readonly id: string;
  /** When this attempt is sent: a Date or unix seconds. */
  readonly timestamp: Date | number;
  /** The exact bytes sent; any re-serialisation breaks the signature. */
  readonly body: string;
  /** `whsec_<base64>` secrets: the current one, plus the previous during a rotation. */
  readonly secrets: readonly string[];
}

export interface WebhookSignatureHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * Standard Webhooks headers: one `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per secret,
 * space-separated, so a receiver holding either secret of a rotation verifies the message.
 * Throws on a malformed secret or none at all: that is a configuration bug, not a delivery outcome.
 */
export function signWebhook({ id, timestamp, body, secrets }: WebhookSignatureInput): WebhookSignatureHeaders {
  if (secrets.length === 0) throw new Error('signWebhook needs at least one secret');
  const seconds = String(Math.floor(timestamp instanceof Date ? timestamp.getTime() / 1000 : timestamp));
  const signed = `${id}.${seconds}.${body}`;
  const signatures = [...new Set(secrets)].map(
    (secret) => `v1,${createHmac('sha256', signingKey(secret)).update(signed).digest('base64')}`,
  );
  return { 'webhook-id': id, 'webhook-timestamp': seconds, 'webhook-signature': signatures.join(' ') };
}

// A subscription's secret signs every attempt to it; decoding it once is enough.
const signingKey = memoized(decodeSecret);

function decodeSecret(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (!BASE64.test(encoded)) throw new Error(`a signing secret must be ${SECRET_PREFIX} followed by base64`);
  return Buffer.from(encoded, 'base64');
}
