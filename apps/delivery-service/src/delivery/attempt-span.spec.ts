import { context as activeContext, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { contextFrom } from '@hookbus/platform';
import { recordSpans } from '@hookbus/platform/testing';
import { finishAttemptSpan, startAttemptSpan } from './attempt-span';
import { decideVerdict } from './rules';
import { answer, contextFor, EXACT, madeOf } from './testing/rule-fixtures';

describe('attempt spans', () => {
  const recorded = recordSpans();
  afterEach(() => recorded.reset());
  afterAll(() => recorded.stop());

  const context = contextFor('komet');
  const attempt = (result: ReturnType<typeof answer>, verdict: Parameters<typeof decideVerdict>[2]) => {
    const span = startAttemptSpan(context.ref, 1, { method: 'POST', url: 'https://user:pw@erp.example.com:8443/hook?token=abc' });
    return finishAttemptSpan(span, decideVerdict(context, madeOf(context, result), verdict, EXACT));
  };

  it('describes the delivery and its request, the URL masked as the delivery log shows it', async () => {
    const decision = attempt(answer(200), { result: 'delivered' });
    const [span] = await recorded.spans();
    expect(span).toMatchObject({ name: 'POST', kind: SpanKind.CLIENT, status: { code: SpanStatusCode.UNSET } });
    expect(span.attributes).toEqual({
      'http.request.method': 'POST',
      'url.full': 'https://erp.example.com:8443/hook?token=********',
      'server.address': 'erp.example.com',
      'server.port': 8443,
      'hookbus.vendor': 'komet',
      'hookbus.hook': context.ref.hook,
      'hookbus.subscription.id': context.ref.subscriptionId,
      'hookbus.delivery.id': context.ref.deliveryId,
      'hookbus.delivery.attempt': 1,
      'hookbus.tenant.id': context.ref.tenantId,
      'cloudevents.event_id': context.ref.eventId,
      'hookbus.delivery.outcome': 'delivered',
      'http.response.status_code': 200,
    });
    expect(decision.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
  });

  it('marks an attempt that did not deliver an error, with its outcome, and names it to what follows', async () => {
    const decision = attempt(answer(503), { result: 'retry', reason: 'HTTP 503' });
    const [span] = await recorded.spans();
    expect(span.attributes).toMatchObject({ 'hookbus.delivery.outcome': 'retrying', 'http.response.status_code': 503 });
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(decision.records.deadLetter).toBeDefined();
    expect(decision.traceparent).toContain(span.spanContext().spanId);
  });

  it('names a span of a trace sampled out too, so that its retry and e-mail stay out of the sample with it', async () => {
    const sampledOut = contextFrom({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00' });
    const decision = activeContext.with(sampledOut, () => attempt(answer(503), { result: 'retry', reason: 'HTTP 503' }));
    expect(await recorded.spans()).toEqual([]);
    expect(decision.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-00$/);
  });
});
