import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { MalformedMessageError } from './errors';
import { isOutageError } from './outage-error';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const protocolError = (type: string, retriable: boolean) => new KafkaJSProtocolError({ message: type, type, code: 0, retriable } as never);

describe('isOutageError', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ["the pg client's lost connection", new Error('Connection terminated unexpectedly')],
    ["knex's pool timeout", Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' })],
    ['PostgreSQL shutting down (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['a MikroORM ConnectionException', Object.assign(new Error('connection lost'), { name: 'ConnectionException' })],
    ['a wrapped driver error', new Error('flush failed', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') })],
    ['a kafkajs connection error', new KafkaJSConnectionError('Connection error')],
    ['kafkajs giving up on retries', new KafkaJSNumberOfRetriesExceeded(new Error('NOT_LEADER_OR_FOLLOWER'), { retryCount: 5, retryTime: 3_000 })],
    ['a leader election (retriable protocol error)', protocolError('NOT_LEADER_FOR_PARTITION', true)],
    ['too few in-sync replicas', protocolError('NOT_ENOUGH_REPLICAS', true)],
  ])('recognises %s', (_, error) => {
    expect(isOutageError(error)).toBe(true);
  });

  it.each([
    ['a plain handler error', new Error('receiver exploded')],
    ['a malformed message', new MalformedMessageError('value is not JSON')],
    ['an oversized message', new KafkaJSNonRetriableError(protocolError('MESSAGE_TOO_LARGE', false))],
    ['a constraint violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['no error object at all', 'boom'],
  ])('does not take %s for an outage', (_, error) => {
    expect(isOutageError(error)).toBe(false);
  });

  it('survives an error that wraps itself', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = error;
    expect(isOutageError(error)).toBe(false);
  });
});
