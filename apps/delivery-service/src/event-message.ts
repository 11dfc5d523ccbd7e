import { fromBinaryMode, describeIssues, type HookbusEvent, parseCloudEvent } from '@hookbus/contracts';
import { type ConsumedMessage, jsonValue, MalformedMessageError } from '@hookbus/kafka';

/**
 * Decodes a `hookbus.events.v1` message (structured JSON, or binary mode with `ce_*` headers).
 * Anything that is not a valid hookbus event is malformed: retrying cannot fix it.
 */
export function decodeEventMessage(message: ConsumedMessage): HookbusEvent {
  let body: unknown;
  try {
    body = jsonValue(message);
  } catch (error) {
    throw new MalformedMessageError(`value is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = parseCloudEvent(fromBinaryMode(message.headers, body, 'ce_') ?? body);
  if (!result.ok) throw new MalformedMessageError(`not a valid hookbus event: ${describeIssues(result.issues)}`);
  return result.value;
}
