/** What a Komet receiver said in its JSON reply: accepted, rejected, or nothing readable. */
export interface KometReply {
  readonly status: 'accepted' | 'rejected' | 'unknown';
  readonly message?: string;
}

const ACCEPTED: readonly unknown[] = [1, '1', true];
const REJECTED: readonly unknown[] = [0, '0', false];
// Enough for any human message; the full reply stays in the delivery log.
const MAX_MESSAGE = 1000;

/**
 * Reads `{"status":"1"|"0"|1|0|true|false,"message":"…"}`, with `error` as a synonym of `message`
 * (`message` wins when both are present). Anything else, unparsable text included, is `unknown`.
 */
export function parseKometReply(body: string): KometReply {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status: 'unknown' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { status: 'unknown' };
  const reply = parsed as Record<string, unknown>;
  const text = [reply['message'], reply['error']].find((value): value is string => typeof value === 'string' && value.trim() !== '');
  const status = ACCEPTED.includes(reply['status']) ? 'accepted' : REJECTED.includes(reply['status']) ? 'rejected' : 'unknown';
  return text === undefined ? { status } : { status, message: text.trim().slice(0, MAX_MESSAGE) };
}
