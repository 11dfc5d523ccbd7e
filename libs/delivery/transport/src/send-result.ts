import type { TransportError } from '@hookbus/delivery-sdk';

/** One HTTP attempt. */
export interface SendRequest {
  readonly method: string;
  /** Absolute http(s) URL; credentials in it are not used. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Connect + headers + body, in milliseconds; the sender's default when absent. */
  readonly timeoutMs?: number;
  /** Most response bytes read; the sender's default (16 KiB) when absent. */
  readonly maxBodyBytes?: number;
}

/**
 * The receiver answered (any status, 3xx included: redirects are not followed). Assignable to
 * `DeliveryOutcome`, with what the delivery log needs besides.
 */
export interface SendResponse {
  readonly kind: 'response';
  readonly status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly truncated: boolean;
  readonly durationMs: number;
}

/** No HTTP answer: nothing the receiver said, so the plugin decides only whether to retry. */
export interface SendFailure {
  readonly kind: 'error';
  readonly error: TransportError;
  readonly message: string;
  readonly durationMs: number;
}

export type SendResult = SendResponse | SendFailure;
