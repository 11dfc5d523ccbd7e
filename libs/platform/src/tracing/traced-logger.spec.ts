import { hookbusTracer } from './trace-context';
import { TracedLogger } from './traced-logger';
import { recordSpans } from '../testing';

describe('TracedLogger', () => {
  const recorded = recordSpans();
  afterAll(() => recorded.stop());

  it('adds the trace and span ids to a JSON line written inside a span, and nothing outside one', async () => {
    const lines: Record<string, unknown>[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((line) => Boolean(lines.push(JSON.parse(String(line)))));
    const logger = new TracedLogger('delivery-service', { json: true });
    try {
      hookbusTracer.startActiveSpan('process hookbus.events.v1', (span) => {
        logger.log('event received');
        span.end();
      });
      logger.log('idle');
    } finally {
      write.mockRestore();
    }
    const [inside, outside] = lines;
    const span = (await recorded.spans())[0].spanContext();
    expect(inside).toMatchObject({ message: 'event received', context: 'delivery-service', trace_id: span.traceId, span_id: span.spanId });
    expect(outside).toMatchObject({ message: 'idle' });
    expect(outside).not.toHaveProperty('trace_id');
  });
});
