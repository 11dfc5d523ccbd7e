import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeSDK } from '@opentelemetry/sdk-node';

/**
 * The real SDK, registered as the services register it (W3C propagation, async context), keeping
 * every ended span in memory for a unit test to read. One per test file: jest gives each its own globals.
 */
export function recordSpans(): { readonly spans: () => Promise<ReadableSpan[]>; readonly reset: () => void; readonly stop: () => Promise<void> } {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor(exporter);
  const sdk = new NodeSDK({ spanProcessors: [processor], metricReaders: [], logRecordProcessors: [], instrumentations: [] });
  sdk.start();
  return {
    // The processor hands each ended span over asynchronously.
    spans: async () => {
      await processor.forceFlush();
      return exporter.getFinishedSpans();
    },
    reset: () => exporter.reset(),
    stop: () => sdk.shutdown(),
  };
}
