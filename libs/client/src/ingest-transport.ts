import { CLOUDEVENTS_CONTENT_TYPE } from '@hookbus/contracts';
import type { RetryOptions } from './backoff';
import type { EventTransport, OutgoingEvent } from './event-transport';
import { HttpCaller } from './http-caller';
import { requestChunks } from './request-chunks';

/** What ingest-service takes in one `POST /v1/events/batch`. */
export const MAX_BATCH_EVENTS = 1000;
/** ingest-service's default INGEST_BODY_LIMIT (5mb). */
const DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024;
// CloudEvents' batched content mode; ingest-service reads any `application/*+json` as JSON.
const BATCH_CONTENT_TYPE = 'application/cloudevents-batch+json';

export interface IngestTransportOptions {
  /** ingest-service, e.g. `http://127.0.0.1:3002`. */
  readonly url: string;
  /** An API key with the producer role; the events belong to its tenant. */
  readonly key: string;
  readonly retry?: RetryOptions;
  /** How long one try may take before it counts as no answer (default 10 s). */
  readonly timeoutMs?: number;
  /** The largest request body ingest-service takes (its INGEST_BODY_LIMIT; default 5 MiB). */
  readonly maxRequestBytes?: number;
}

/**
 * Publishes through ingest-service: one event to `POST /v1/events`, several to `POST
 * /v1/events/batch` in requests of at most 1,000. ingest-service is idempotent on the event id, so
 * every retry is safe.
 */
export class IngestTransport implements EventTransport {
  private readonly http: HttpCaller;

  constructor(private readonly options: IngestTransportOptions) {
    this.http = new HttpCaller({ url: options.url, token: options.key, retry: options.retry, timeoutMs: options.timeoutMs });
  }

  batches(events: readonly OutgoingEvent[]): OutgoingEvent[][] {
    return requestChunks(events, MAX_BATCH_EVENTS, this.options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES);
  }

  async send(batch: readonly OutgoingEvent[]): Promise<void> {
    const [single] = batch;
    await this.http.call(
      batch.length === 1
        ? { method: 'POST', path: '/v1/events', body: single.json, contentType: CLOUDEVENTS_CONTENT_TYPE, idempotent: true }
        : { method: 'POST', path: '/v1/events/batch', body: `[${batch.map(({ json }) => json).join(',')}]`, contentType: BATCH_CONTENT_TYPE, idempotent: true },
    );
  }

  async close(): Promise<void> {
    // Nothing held: fetch pools its connections itself.
  }
}
