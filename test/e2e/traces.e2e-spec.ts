import { randomBytes } from 'node:crypto';
import { deliveryId } from '@hookbus/contracts';
import { pollUntil } from '@hookbus/testing';
import { ApiClient } from '../support/config-service';
import { DeliveryHarness } from '../support/delivery-harness';
import { orderConfirmed } from '../support/events';
import { FailurePath } from '../support/failure-path';
import { OtlpReceiver, type ReceivedSpan, SpanKinds, StatusCodes } from '../support/otlp-receiver';
import { OPERATOR_TOKEN, type ServiceProcess } from '../support/service-process';

// Five real processes on a shared two-core host, and a retry a second later.
jest.setTimeout(120_000);

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * One event's trace across the stream, exported by the services themselves over OTLP/HTTP to a
 * real receiver: the producer's span → ingest-service's publish → delivery-service's handling →
 * one HTTP client span per attempt; the dead letter and the released retry in the same trace,
 * linked to the attempt that failed; the e-mail's handling a child of the attempt that ended badly.
 */
describe('traces: one trace per event, from the producer through delivery, retry and notification', () => {
  let harness: DeliveryHarness;
  let failures: FailurePath;
  let ingest: ServiceProcess;
  let otlp: OtlpReceiver;

  beforeAll(async () => {
    otlp = await OtlpReceiver.start();
    harness = await DeliveryHarness.start('traces', { HOOKBUS_EGRESS_ALLOW: '127.0.0.1', LOG_LEVEL: 'debug', ...otlp.env });
    failures = await FailurePath.start(harness, { LOG_LEVEL: 'log', ...otlp.env });
    ingest = await harness.spawnIngest(otlp.env);
  });

  afterAll(async () => {
    await failures?.stop();
    await harness?.stop();
    await otlp?.stop();
  });

  it('links the spans of a delivered, a retried and a failed delivery of one event, and the log lines name them', async () => {
    let retried = 0;
    harness.receiver.answer(({ url }) => {
      if (url === '/recovers') return ++retried === 1 ? { status: 503 } : { status: 200, body: '{"status":"1"}' };
      if (url === '/refuses') return { status: 200, body: '{"status":0,"message":"Customer 77 has no credit line"}' };
      return { status: 200, body: '{"status":"1"}' };
    });
    const subscribe = (path: string, more: Record<string, unknown> = {}) =>
      harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}${path}`, ...more });
    const delivered = await subscribe('/takes');
    const recovered = await subscribe('/recovers', { retryPolicy: { delaysSeconds: [1] } });
    const refused = await subscribe('/refuses', { errorEmails: ['sales@example.com'] });
    const created = await new ApiClient(harness.config.url, OPERATOR_TOKEN).post(`/v1/tenants/${harness.tenantId}/api-keys`, { roles: ['producer'] });

    // The producer's own span, as its HTTP client would send it.
    const [traceId, producerSpanId] = [hex(16), hex(8)];
    const event = orderConfirmed({ tenantid: harness.tenantId });
    const publish = () =>
      fetch(`${ingest.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents+json', authorization: `Bearer ${created.body.key}`, traceparent: `00-${traceId}-${producerSpanId}-01` },
        body: JSON.stringify(event),
      });
    // ingest-service learns the new key from the stream; until then it answers 401.
    await pollUntil('ingest-service accepts the event', async () => (await publish()).status === 202);

    const inTrace = (description: string, matches: (span: ReceivedSpan) => boolean) =>
      otlp.span(description, (span) => span.traceId === traceId && matches(span));
    const published = await inTrace("ingest-service's publish span", ({ name }) => name === 'publish hookbus.events.v1');
    expect(published).toMatchObject({ service: 'ingest-service', kind: SpanKinds.producer, parentSpanId: producerSpanId });
    expect(published.attributes).toMatchObject({ 'cloudevents.event_id': event.id, 'cloudevents.event_type': 'order.confirmed', 'hookbus.tenant.id': harness.tenantId });

    const handled = await inTrace("delivery-service's handling of the event", ({ name }) => name === 'process hookbus.events.v1');
    expect(handled).toMatchObject({ service: 'delivery-service', kind: SpanKinds.consumer, parentSpanId: published.spanId });

    const attempt = (subscriptionId: string, number: number) =>
      inTrace(`attempt ${number} for ${subscriptionId}`, ({ kind, attributes }) =>
        kind === SpanKinds.client && attributes['hookbus.subscription.id'] === subscriptionId && attributes['hookbus.delivery.attempt'] === number);
    const first = { delivered: await attempt(delivered.id, 1), recovered: await attempt(recovered.id, 1), refused: await attempt(refused.id, 1) };
    for (const span of Object.values(first)) {
      expect(span).toMatchObject({ service: 'delivery-service', name: 'POST', parentSpanId: handled.spanId });
      expect(span.attributes).toMatchObject({ 'hookbus.vendor': 'komet', 'hookbus.hook': 'order-confirmation', 'http.request.method': 'POST', 'server.address': '127.0.0.1' });
    }
    expect(first.delivered.attributes).toMatchObject({ 'hookbus.delivery.outcome': 'delivered', 'http.response.status_code': 200 });
    expect(first.delivered.status).not.toBe(StatusCodes.error);
    expect(first.recovered.attributes).toMatchObject({ 'hookbus.delivery.outcome': 'retrying', 'http.response.status_code': 503 });
    expect(first.refused.attributes).toMatchObject({ 'hookbus.delivery.outcome': 'failed', 'http.response.status_code': 200 });
    for (const span of [first.recovered, first.refused]) expect(span.status).toBe(StatusCodes.error);

    // The receiver was told the attempt's span, so it can continue the trace.
    const [request] = harness.receiver.at('/takes').filter(({ headers }) => headers['webhook-id'] === deliveryId(String(event.id), delivered.id));
    expect(request.headers.traceparent).toBe(`00-${traceId}-${first.delivered.spanId}-01`);

    // The retry: held by the retry-scheduler, released, attempted again; in the event's trace,
    // each hop linked to the attempt that failed.
    const linksToFailed = (span: ReceivedSpan) => span.links.some((link) => link.traceId === traceId && link.spanId === first.recovered.spanId);
    const held = await inTrace('the retry-scheduler holding the dead letter', ({ name }) => name === 'process hookbus.deliveries.dlq.v1');
    expect(held).toMatchObject({ service: 'retry-scheduler', kind: SpanKinds.consumer, parentSpanId: published.spanId });
    expect(linksToFailed(held)).toBe(true);
    const retry = await inTrace("delivery-service's handling of the released retry", ({ name }) => name === 'process hookbus.deliveries.retry.v1');
    expect(retry).toMatchObject({ service: 'delivery-service', kind: SpanKinds.consumer, parentSpanId: published.spanId });
    expect(linksToFailed(retry)).toBe(true);
    const second = await attempt(recovered.id, 2);
    expect(second).toMatchObject({ parentSpanId: retry.spanId });
    expect(second.attributes).toMatchObject({ 'hookbus.delivery.outcome': 'delivered', 'http.response.status_code': 200 });

    // The failed delivery's e-mail: the notifier's handling is a child of the attempt.
    const notified = await inTrace("the notifier's handling of the failure", ({ name }) => name === 'process hookbus.notifications.v1');
    expect(notified).toMatchObject({ service: 'notifier-service', kind: SpanKinds.consumer, parentSpanId: first.refused.spanId });
    expect(notified.attributes).toMatchObject({ 'hookbus.notification.type': 'delivery.failed', 'hookbus.subscription.id': refused.id });
    await failures.sink.waitFor(1, (message) => message.envelope.to.includes('sales@example.com'));

    // Log lines written inside a span carry its ids.
    const lineIn = (service: ServiceProcess, span: ReceivedSpan) =>
      pollUntil(`a ${span.service} log line in ${span.name}`, () =>
        service.output.find((line) => line.includes(`"trace_id":"${traceId}"`) && line.includes(`"span_id":"${span.spanId}"`)));
    expect(JSON.parse(await lineIn(harness.delivery, handled))).toMatchObject({ message: { message: 'event received', eventId: event.id } });
    expect(JSON.parse(await lineIn(failures.notifier, notified))).toMatchObject({ message: { message: 'notification e-mailed' } });
  });
});
