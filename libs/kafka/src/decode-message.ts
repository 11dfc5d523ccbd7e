import { describeIssues, validate } from '@hookbus/contracts';
import type { z } from 'zod';
import { type ConsumedMessage, jsonValue } from './consumed-message';
import { MalformedMessageError } from './errors';

/**
 * The message's JSON value as `schema` says it must be, `what` naming it in the error. A message
 * that is not JSON or breaks the schema can never succeed: MalformedMessageError (quarantined).
 */
export function decodeMessage<S extends z.ZodType>(message: ConsumedMessage, schema: S, what: string): z.output<S> {
  const result = validate(schema, jsonValue(message));
  if (!result.ok) throw new MalformedMessageError(`not a valid ${what}: ${describeIssues(result.issues)}`);
  return result.value;
}
