import { type DeadLetterRecordV1, deadLetterRecordV1, describeIssues, validate } from '@hookbus/contracts';
import { type ConsumedMessage, jsonValue, MalformedMessageError } from '@hookbus/kafka';

/** Decodes a `hookbus.deliveries.dlq.v1` record; anything else can never succeed, so it is malformed. */
export function decodeDeadLetter(message: ConsumedMessage): DeadLetterRecordV1 {
  let body: unknown;
  try {
    body = jsonValue(message);
  } catch (error) {
    throw new MalformedMessageError(`value is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = validate(deadLetterRecordV1, body);
  if (!result.ok) throw new MalformedMessageError(`not a valid dead-letter record: ${describeIssues(result.issues)}`);
  return result.value;
}
