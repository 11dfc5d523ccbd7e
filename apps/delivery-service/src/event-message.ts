import { fromBinaryMode, describeIssues, type HookbusEvent, MAX_EVENT_BYTES, parseCloudEvent } from '@hookbus/contracts';
import { type ConsumedMessage, jsonValue, MalformedMessageError } from '@hookbus/kafka';

/**
 * Decodes a `hookbus.events.v1` message (structured JSON, or binary mode with `ce_*` headers).
 * Anything that is not a valid hookbus event is malformed: retrying cannot fix it. So is an event
 * larger than MAX_EVENT_BYTES (a producer writing to Kafka directly): the records it would cause
 * could exceed the broker's message limit.
 */
export function decodeEventMessage(message: ConsumedMessage): HookbusEvent {
  const bytes = message.value?.length ?? 0;
  if (bytes > MAX_EVENT_BYTES) throw new MalformedMessageError(`event of ${bytes} bytes exceeds the limit of ${MAX_EVENT_BYTES}`);
  const body = jsonValue(message);
  const result = parseCloudEvent(fromBinaryMode(message.headers, body, 'ce_') ?? body);
  if (!result.ok) throw new MalformedMessageError(`not a valid hookbus event: ${describeIssues(result.issues)}`);
  return result.value;
}
