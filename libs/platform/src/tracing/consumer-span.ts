import { type Attributes, type Context, type Link, SpanKind } from '@opentelemetry/api';
import { hookbusTracer, recordFailure } from './trace-context';

export interface ConsumerSpan {
  /** The topic's contract name (`hookbus.events.v1`). */
  readonly topic: string;
  /** The span it continues: the publisher's, as the message's headers or record name it. */
  readonly parent: Context;
  /** Spans it follows from without being their child (a released retry follows its failed attempt). */
  readonly links?: Link[];
  readonly attributes?: Attributes;
}

/**
 * Handles one consumed message inside its `process <topic>` span, the active span meanwhile, so
 * the spans and log lines of the handling belong to it; a handler's error marks it failed.
 */
export function inConsumerSpan<T>({ topic, parent, links, attributes }: ConsumerSpan, handle: () => Promise<T>): Promise<T> {
  const options = {
    kind: SpanKind.CONSUMER,
    links,
    attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'process', 'messaging.destination.name': topic, ...attributes },
  };
  return hookbusTracer.startActiveSpan(`process ${topic}`, options, parent, async (span) => {
    try {
      return await handle();
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
