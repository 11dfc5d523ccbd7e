/**
 * Errors that say by themselves that a dependency is unreachable, whatever a probe answers a moment
 * later: during a short leader election the cluster answers metadata requests while produce
 * requests fail, and a database behind a broken link may answer the next `select 1`.
 */

// Node socket errors, as the pg driver and kafkajs pass them on.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

// PostgreSQL SQLSTATEs: connection exceptions (class 08), the server shutting down or starting,
// too many connections.
const POSTGRES_OUTAGE_STATE = /^(08...|57P0[1-3]|53300)$/;

// kafkajs gives up on a retriable condition with one of these; the condition itself is the cause.
const KAFKAJS_UNREACHABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSTimeout',
  'KafkaJSLockTimeout',
]);

// Driver messages that carry no code: the pg client's lost connections, knex's pool timeout.
const OUTAGE_MESSAGES = [/Connection terminated/i, /timeout acquiring a connection/i, /connection timeout/i, /Client has encountered a connection error/i];

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly retriable?: unknown;
  readonly cause?: unknown;
  readonly originalError?: unknown;
}

function linkIsOutage(error: ErrorLike): boolean {
  const name = typeof error.name === 'string' ? error.name : '';
  if (KAFKAJS_UNREACHABLE.has(name)) return true;
  // A broker-side condition kafkajs would retry (NOT_LEADER_FOR_PARTITION, NOT_ENOUGH_REPLICAS, …);
  // the non-retriable ones (MESSAGE_TOO_LARGE, authorisation) are the message's or the setup's fault.
  if (name === 'KafkaJSProtocolError' && error.retriable === true) return true;
  if (name === 'ConnectionException' || name === 'KnexTimeoutError') return true;
  if (typeof error.code === 'string' && (SOCKET_CODES.has(error.code) || POSTGRES_OUTAGE_STATE.test(error.code))) return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return OUTAGE_MESSAGES.some((pattern) => pattern.test(message));
}

/** True when the error, or an error it wraps, means the database or the broker is unreachable. */
export function isOutageError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const link = pending.pop();
    if (typeof link !== 'object' || link === null || seen.has(link)) continue;
    seen.add(link);
    const candidate = link as ErrorLike;
    if (linkIsOutage(candidate)) return true;
    pending.push(candidate.cause, candidate.originalError);
    if (link instanceof AggregateError) pending.push(...link.errors);
  }
  return false;
}
