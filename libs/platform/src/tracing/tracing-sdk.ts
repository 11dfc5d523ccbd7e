type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether the environment asks for traces: an exporter named in OTEL_TRACES_EXPORTER (other than
 * `none`) or an OTLP endpoint, and the SDK not disabled. The SDK itself would default to OTLP on
 * localhost; hookbus stays silent until told where to send.
 */
export function tracingRequested(env: Env = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (exporters.length > 0) return !exporters.includes('none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts the OpenTelemetry Node SDK for traces when the environment asks for them, configured by
 * the standard OTEL_* variables alone (exporter, endpoint, protocol, sampler, batching). Metrics
 * stay Prometheus's (/metrics) and logs stay JSON lines on stdout, so the SDK exports neither.
 * Returns what flushes and stops it at shutdown. The SDK, with every exporter it bundles, is loaded
 * only then: a service not tracing does not carry it in memory.
 */
export async function startTracing(serviceName: string, env: Env = process.env): Promise<(() => Promise<void>) | undefined> {
  if (!tracingRequested(env)) return undefined;
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  // OTEL_SERVICE_NAME, or service.name in OTEL_RESOURCE_ATTRIBUTES, wins over the service's own name.
  const namedByEnv = Boolean(env.OTEL_SERVICE_NAME) || /(^|,)\s*service\.name=/.test(env.OTEL_RESOURCE_ATTRIBUTES ?? '');
  const sdk = new NodeSDK({
    serviceName: namedByEnv ? undefined : serviceName,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  return () => sdk.shutdown();
}
