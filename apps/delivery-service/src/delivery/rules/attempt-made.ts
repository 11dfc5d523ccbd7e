import type { DeliveryAttemptRecordV1, EndpointFlowV1 } from '@hookbus/contracts';

/** A request as the delivery log shows it: secret headers masked. */
export type LoggedRequest = DeliveryAttemptRecordV1['request'];

/** What happened on the wire, or why nothing was sent: the typed values an attempt's log record is built from. */
export interface AttemptMade {
  /** When it was sent (or would have been). */
  readonly at: Date;
  readonly request: LoggedRequest;
  readonly response?: DeliveryAttemptRecordV1['response'];
  readonly durationMs: number;
  /** A transport error, or why nothing could be sent. */
  readonly error?: string;
  /** How often the attempt was put off before this. */
  readonly deferrals?: number;
  /** The endpoint's flow control then. */
  readonly endpoint?: EndpointFlowV1;
}
