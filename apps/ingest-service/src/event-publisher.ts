import { Inject, Injectable } from '@nestjs/common';
import { CLOUDEVENTS_CONTENT_TYPE, eventKey, MAX_EVENT_BYTES, Topics } from '@hookbus/contracts';
import { KafkaBus } from '@hookbus/kafka';
import { recordFailure, traceHeadersOf } from '@hookbus/platform';
import type { AcceptedEvent } from './accepted-events';
import { startPublishSpan } from './publish-span';

/** Publishes accepted events to `hookbus.events.v1`, keyed so one subject of one tenant stays in order. */
@Injectable()
export class EventPublisher {
  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus) {}

  /**
   * Resolves once every event is stored on all in-sync replicas. Each event's trace context goes
   * with it as W3C Kafka headers and, if the producer set none, as its CloudEvents `traceparent`,
   * which stays with the event through dead letters and retries.
   */
  async publish(events: readonly AcceptedEvent[], requestHeaders: Parameters<typeof startPublishSpan>[1] = {}): Promise<void> {
    const spans = events.map(({ event }) => startPublishSpan(event, requestHeaders));
    try {
      await this.bus.publish(
        Topics.events.name,
        events.map((accepted, index) => {
          const { event } = accepted;
          // Also for a span sampled out (flags 00): what follows must not start a trace of its own.
          const trace = traceHeadersOf(spans[index]);
          return {
            key: eventKey(event.tenantid, event.subject),
            value: withTraceparent(accepted, trace.traceparent),
            headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE, ce_id: event.id, ce_type: event.type, ...trace },
          };
        }),
      );
    } catch (error) {
      spans.forEach((span) => recordFailure(span, error));
      throw error;
    } finally {
      spans.forEach((span) => span.end());
    }
  }
}

/**
 * The event's JSON naming its trace, unless the producer named one already, tracing is off, or
 * the few bytes more would take it past MAX_EVENT_BYTES (delivery-service would refuse it then).
 */
function withTraceparent({ event, json }: AcceptedEvent, traceparent: string | undefined): string {
  if (event.traceparent !== undefined || traceparent === undefined) return json;
  const traced = JSON.stringify({ ...event, traceparent });
  return Buffer.byteLength(traced) <= MAX_EVENT_BYTES ? traced : json;
}
