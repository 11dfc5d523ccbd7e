import { type Context, type Link, propagation, ROOT_CONTEXT, type Span, SpanStatusCode, trace } from '@opentelemetry/api';

/** hookbus's own spans; a no-op tracer until startTracing registers the SDK. */
export const hookbusTracer = trace.getTracer('hookbus');

/** The W3C trace-context fields, as Kafka headers, HTTP headers or the CloudEvents extension carry them. */
export interface TraceCarrier {
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/** HTTP request headers as Node gives them, or Kafka headers as hookbus's consumers do. */
type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** The remote parent a carrier names, or none. Without the SDK started, always none. */
export const contextFrom = (carrier: TraceCarrier | Headers): Context => propagation.extract(ROOT_CONTEXT, carrier);

/**
 * The span a consumed event continues: the one its Kafka headers name (the publishing span), else
 * the one its CloudEvents `traceparent` names (a producer writing to Kafka directly, or a retry
 * carrying the event).
 */
export function eventContextFrom(headers: Headers, event: TraceCarrier): Context {
  const published = contextFrom(headers);
  return trace.getSpanContext(published) === undefined ? contextFrom(event) : published;
}

/** `span`'s context as W3C `traceparent`/`tracestate` headers; empty while tracing is off. */
export function traceHeadersOf(span: Span): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), headers);
  return headers;
}

/** `span`'s `traceparent`, or undefined while tracing is off. */
export const traceparentOf = (span: Span): string | undefined => traceHeadersOf(span).traceparent;

/** A link to the span a `traceparent` names (the attempt a retry follows), or none. */
export function linksTo(traceparent: string | undefined): Link[] {
  if (traceparent === undefined) return [];
  const linked = trace.getSpanContext(contextFrom({ traceparent }));
  return linked ? [{ context: linked }] : [];
}

/** The trace and span ids a log line carries, when it is written inside a recording span. */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** Marks `span` failed with the error that ended it. */
export function recordFailure(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}
