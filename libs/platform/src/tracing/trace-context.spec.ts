import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { inConsumerSpan } from './consumer-span';
import { activeTraceIds, contextFrom, eventContextFrom, hookbusTracer, linksTo, traceHeadersOf, traceparentOf } from './trace-context';
import { recordSpans } from '../testing';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const producerSpan = `00-${TRACE}-b7ad6b7169203331-01`;
const publishSpan = `00-${TRACE}-00f067aa0ba902b7-01`;

describe('trace context (with the SDK started)', () => {
  const recorded = recordSpans();
  afterEach(() => recorded.reset());
  afterAll(() => recorded.stop());

  it('continues the span a carrier names, and starts a new trace without one', () => {
    expect(trace.getSpanContext(contextFrom({ traceparent: producerSpan }))).toMatchObject({ traceId: TRACE, spanId: 'b7ad6b7169203331', isRemote: true });
    expect(trace.getSpanContext(contextFrom({ traceparent: 'not-a-traceparent' }))).toBeUndefined();
    expect(trace.getSpanContext(contextFrom({}))).toBeUndefined();
  });

  it("continues a consumed event's publishing span from its headers, else the one its own traceparent names", () => {
    expect(trace.getSpanContext(eventContextFrom({ traceparent: publishSpan }, { traceparent: producerSpan }))?.spanId).toBe('00f067aa0ba902b7');
    expect(trace.getSpanContext(eventContextFrom({}, { traceparent: producerSpan }))?.spanId).toBe('b7ad6b7169203331');
  });

  it("hands on a span's context as W3C headers, and links to a traceparent", () => {
    const span = hookbusTracer.startSpan('attempt', {}, contextFrom({ traceparent: producerSpan }));
    const { traceId, spanId } = span.spanContext();
    expect(traceHeadersOf(span)).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });
    expect(traceparentOf(span)).toBe(`00-${TRACE}-${spanId}-01`);
    expect(linksTo(traceparentOf(span))).toEqual([{ context: expect.objectContaining({ traceId: TRACE, spanId }) }]);
    expect(linksTo(undefined)).toEqual([]);
    span.end();
  });

  it('handles a message inside an active consumer span: children and log lines name it, a failure marks it', async () => {
    const seen: unknown[] = [];
    await inConsumerSpan({ topic: 'hookbus.events.v1', parent: contextFrom({ traceparent: publishSpan }), links: linksTo(producerSpan), attributes: { 'hookbus.tenant.id': 't1' } }, async () => {
      await Promise.resolve();
      seen.push(activeTraceIds());
      hookbusTracer.startSpan('POST').end();
    });
    const [child, handled] = await recorded.spans();
    expect(handled).toMatchObject({ name: 'process hookbus.events.v1', kind: SpanKind.CONSUMER, parentSpanContext: expect.objectContaining({ spanId: '00f067aa0ba902b7' }) });
    expect(handled.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.destination.name': 'hookbus.events.v1', 'hookbus.tenant.id': 't1' });
    expect(handled.links).toEqual([expect.objectContaining({ context: expect.objectContaining({ spanId: 'b7ad6b7169203331' }) })]);
    expect(child.parentSpanContext?.spanId).toBe(handled.spanContext().spanId);
    expect(seen).toEqual([{ trace_id: TRACE, span_id: handled.spanContext().spanId }]);
    expect(activeTraceIds()).toBeUndefined();

    await expect(inConsumerSpan({ topic: 'hookbus.events.v1', parent: context.active() }, () => Promise.reject(new Error('broker down')))).rejects.toThrow('broker down');
    expect((await recorded.spans())[2].status).toEqual({ code: SpanStatusCode.ERROR, message: 'broker down' });
  });
});
