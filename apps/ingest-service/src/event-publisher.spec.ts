import { SpanKind } from '@opentelemetry/api';
import { type HookbusEvent, MAX_EVENT_BYTES, parseCloudEvent, Topics } from '@hookbus/contracts';
import { InMemoryBus } from '@hookbus/kafka/testing';
import { recordSpans } from '@hookbus/platform/testing';
import { EventPublisher } from './event-publisher';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const requestSpan = `00-${TRACE}-b7ad6b7169203331-01`;

function accepted(overrides: Record<string, unknown> = {}): { event: HookbusEvent; json: string } {
  const input = { specversion: '1.0', id: 'evt-1', source: 'urn:shop', type: 'order.confirmed', time: '2026-12-06T10:00:00Z', subject: '6908', tenantid: 't1', data: { companyId: 6316, orderId: 6908 }, ...overrides };
  const parsed = parseCloudEvent(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return { event: parsed.value, json: JSON.stringify(parsed.value) };
}

describe('EventPublisher, tracing', () => {
  const recorded = recordSpans();
  const bus = new InMemoryBus();
  const publisher = new EventPublisher(bus.asKafkaBus());
  beforeEach(() => {
    bus.clear();
    recorded.reset();
  });
  afterAll(() => recorded.stop());

  it("publishes each event in a span continuing the request's trace, named in the headers and the event's own traceparent", async () => {
    await publisher.publish([accepted()], { traceparent: requestSpan });

    const [span] = await recorded.spans();
    expect(span).toMatchObject({ name: 'publish hookbus.events.v1', kind: SpanKind.PRODUCER, parentSpanContext: expect.objectContaining({ spanId: 'b7ad6b7169203331' }) });
    expect(span.attributes).toMatchObject({ 'cloudevents.event_id': 'evt-1', 'cloudevents.event_type': 'order.confirmed', 'hookbus.tenant.id': 't1' });
    const traceparent = `00-${TRACE}-${span.spanContext().spanId}-01`;
    expect(bus.published[0].headers).toMatchObject({ traceparent, ce_id: 'evt-1' });
    expect(bus.values(Topics.events.name)).toEqual([{ ...accepted().event, traceparent }]);
  });

  it("continues the producer's span its event names, and leaves the event's traceparent as the producer set it", async () => {
    const producerSpan = `00-${TRACE}-00f067aa0ba902b7-01`;
    await publisher.publish([accepted({ traceparent: producerSpan })], { traceparent: requestSpan });

    const [span] = await recorded.spans();
    expect(span.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(bus.values<HookbusEvent>(Topics.events.name)[0].traceparent).toBe(producerSpan);
  });

  it('names a trace the producer sampled out too, so that delivery-service does not start one of its own', async () => {
    await publisher.publish([accepted()], { traceparent: `00-${TRACE}-b7ad6b7169203331-00` });

    expect(await recorded.spans()).toEqual([]);
    const traceparent = expect.stringMatching(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-00$`));
    expect(bus.published[0].headers).toMatchObject({ traceparent });
    expect(bus.values(Topics.events.name)).toEqual([{ ...accepted().event, traceparent }]);
  });

  it('leaves an event as it came when naming its trace would take it past the size limit', async () => {
    const event = accepted();
    const padding = 'x'.repeat(MAX_EVENT_BYTES - Buffer.byteLength(event.json) - 20);
    const large = accepted({ data: { companyId: 6316, orderId: 6908, note: padding } });
    expect(Buffer.byteLength(large.json)).toBeLessThanOrEqual(MAX_EVENT_BYTES);

    await publisher.publish([large]);
    expect(bus.published[0].value).toBe(large.json);
    expect(bus.published[0].headers).toHaveProperty('traceparent');
  });
});
