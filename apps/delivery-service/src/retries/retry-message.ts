import { describeIssues, type RetryRecordV1, retryRecordV1, validate } from '@hookbus/contracts';
import { type ConsumedMessage, jsonValue, MalformedMessageError } from '@hookbus/kafka';

/** Decodes a `hookbus.deliveries.retry.v1` record; anything else can never succeed, so it is malformed. */
export function decodeRetryMessage(message: ConsumedMessage): RetryRecordV1 {
  let body: unknown;
  try {
    body = jsonValue(message);
  } catch (error) {
    throw new MalformedMessageError(`value is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = validate(retryRecordV1, body);
  if (!result.ok) throw new MalformedMessageError(`not a valid retry record: ${describeIssues(result.issues)}`);
  return result.value;
}
