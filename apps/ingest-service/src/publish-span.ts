import { type Span, SpanKind } from '@opentelemetry/api';
import { type HookbusEvent, Topics } from '@hookbus/contracts';
import { contextFrom, hookbusTracer } from '@hookbus/platform';

type RequestHeaders = Parameters<typeof contextFrom>[0];

/**
 * The span of one event's publication, where its trace starts inside hookbus: a child of the
 * producer's span when the event names one (the CloudEvents `traceparent`) or else the request
 * does (W3C `traceparent` header), a new trace otherwise.
 */
export function startPublishSpan(event: HookbusEvent, requestHeaders: RequestHeaders): Span {
  const parent = contextFrom(event.traceparent === undefined ? requestHeaders : event);
  const span = hookbusTracer.startSpan(`publish ${Topics.events.name}`, { kind: SpanKind.PRODUCER }, parent);
  // Described only when recorded: with tracing off this runs per event for nothing.
  if (span.isRecording()) {
    span.setAttributes({
      'messaging.system': 'kafka',
      'messaging.operation.type': 'send',
      'messaging.destination.name': Topics.events.name,
      'cloudevents.event_id': event.id,
      'cloudevents.event_type': event.type,
      'cloudevents.event_source': event.source,
      'cloudevents.event_subject': event.subject,
      'hookbus.tenant.id': event.tenantid,
    });
  }
  return span;
}
