import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { DeliveryStatus, EndpointFlowV1 } from '@hookbus/contracts';

export interface LoggedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoggedResponse {
  status: number;
  body: string;
}

/** One attempt of a delivery; `(deliveryId, n)` is its identity, so a redelivered record replaces it. */
@Entity({ tableName: 'delivery_attempts' })
export class DeliveryAttempt {
  @PrimaryKey({ type: 'string', length: 64 })
  deliveryId!: string;

  @PrimaryKey({ type: 'integer' })
  n!: number;

  @Property({ type: 'datetime' })
  at!: Date;

  /** Headers arrive masked by the producer. */
  @Property({ type: 'json' })
  request!: LoggedRequest;

  @Property({ type: 'json', nullable: true })
  response?: LoggedResponse | null;

  @Property({ type: 'double', runtimeType: 'number' })
  durationMs!: number;

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Property({ type: 'string', length: 20 })
  outcome!: DeliveryStatus;

  /** On a `retrying` attempt: when the next one is due. */
  @Property({ type: 'datetime', nullable: true })
  dueAt?: Date | null;

  /** How often this attempt was put off before it was made (or, while `retrying`, so far). */
  @Property({ type: 'integer', nullable: true })
  deferrals?: number | null;

  /** The endpoint's flow control when the attempt was made or put off. */
  @Property({ type: 'json', nullable: true })
  endpoint?: EndpointFlowV1 | null;

  /** What the receiver said (e.g. Komet's `message`); the delivery shows the latest one. */
  @Property({ type: 'text', nullable: true })
  vendorMessage?: string | null;
}
