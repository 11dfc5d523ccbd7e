import { type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT, ATTR_URL_FULL } from '@opentelemetry/semantic-conventions';
import { maskedUrl } from '@hookbus/contracts';
import { hookbusTracer, traceparentOf } from '@hookbus/platform';
import type { DeliveryRef } from './delivery-ref';
import type { DeliveryDecision } from './rules';

/**
 * The HTTP client span of one attempt's request, a child of the span that is handling the event
 * or the retry. Its URL is shown as the delivery log shows it: no credentials, secret query values masked.
 */
export function startAttemptSpan(ref: DeliveryRef, attempt: number, request: { readonly method: string; readonly url: string }): Span {
  const span = hookbusTracer.startSpan(request.method, { kind: SpanKind.CLIENT });
  // Described only when recorded: with tracing off this runs per attempt for nothing.
  if (span.isRecording()) {
    span.setAttributes({
      [ATTR_HTTP_REQUEST_METHOD]: request.method,
      [ATTR_URL_FULL]: maskedUrl(request.url),
      ...serverOf(request.url),
      'hookbus.vendor': ref.plugin,
      'hookbus.hook': ref.hook,
      'hookbus.subscription.id': ref.subscriptionId,
      'hookbus.delivery.id': ref.deliveryId,
      'hookbus.delivery.attempt': attempt,
      'hookbus.tenant.id': ref.tenantId,
      'cloudevents.event_id': ref.eventId,
    });
  }
  return span;
}

/**
 * Ends the attempt's span with what the rules made of it, and returns the decision naming the
 * span, so its dead letter and its e-mail follow on from this attempt: linked to it, or, for a
 * trace sampled out, left out of the trace's sample with it.
 */
export function finishAttemptSpan(span: Span, decision: DeliveryDecision): DeliveryDecision {
  // Not recording: tracing is off, or this trace is sampled out.
  if (span.isRecording()) describeOutcome(span, decision.records.log);
  span.end();
  const traceparent = traceparentOf(span);
  return traceparent === undefined ? decision : { ...decision, traceparent };
}

function describeOutcome(span: Span, { outcome, response, error }: DeliveryDecision['records']['log']): void {
  span.setAttribute('hookbus.delivery.outcome', outcome);
  if (response) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.status);
  if (outcome !== 'delivered') {
    span.setAttribute(ATTR_ERROR_TYPE, error?.split(':')[0] ?? (response ? String(response.status) : outcome));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error ?? outcome });
  }
}

function serverOf(url: string): Record<string, string | number> {
  try {
    const { hostname, port, protocol } = new URL(url);
    return { [ATTR_SERVER_ADDRESS]: hostname, [ATTR_SERVER_PORT]: Number(port) || (protocol === 'https:' ? 443 : 80) };
  } catch {
    return {};
  }
}
