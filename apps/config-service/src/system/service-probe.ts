import type { ServiceUrl } from './service-urls';

export const PROBE_TIMEOUT_MS = 2_000;

/** What `GET <url>/health/ready` said: ready on a 2xx; the status when it answered, the reason when not. */
export interface ServiceState extends ServiceUrl {
  readonly ready: boolean;
  readonly status?: number;
  readonly error?: string;
}

/** Asks one service whether it is ready; never throws, so one dead service does not hide the others. */
export async function probeService(service: ServiceUrl, timeoutMs = PROBE_TIMEOUT_MS): Promise<ServiceState> {
  try {
    // A redirect is an answer, not ready: the probe goes only where the operator pointed it.
    const response = await fetch(`${service.url}/health/ready`, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return { ...service, ready: response.ok, status: response.status };
  } catch (error) {
    return { ...service, ready: false, error: reason(error, timeoutMs) };
  }
}

interface ErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
}

// Duck-typed: fetch's errors come from Node's own realm, where `instanceof Error` of a sandbox (Jest) fails.
const asError = (value: unknown): ErrorLike | undefined => (typeof value === 'object' && value !== null ? value : undefined);

// fetch fails with "fetch failed"; what went wrong (ECONNREFUSED, ENOTFOUND…) is its cause.
function reason(error: unknown, timeoutMs: number): string {
  const failure = asError(error);
  if (failure?.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = asError(failure?.cause);
  return String(cause?.message ?? failure?.message ?? error);
}
