import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import type { DeliveryAttemptRecordV1 } from '@hookbus/contracts';
import { Coalescer, MalformedMessageError } from '@hookbus/kafka';
import { truncateUtf8 } from './attempt-record';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { summarize } from './delivery-summary';
import { Delivery } from './delivery.entity';

/** Records per transaction at most; a group of this size writes in a few milliseconds. */
const MAX_GROUP = 200;

/**
 * Writes attempt records into the delivery log. Idempotent: an attempt is identified by
 * `(deliveryId, n)`, so a redelivered record replaces itself instead of adding a row, and the
 * delivery row is recomputed from all its attempts, so a late older attempt never wins. Records
 * consumed concurrently are written together, one transaction and a handful of queries per group
 * (see Coalescer): at a thousand deliveries a second the log must not cost a transaction each.
 */
@Injectable()
export class DeliveryLogWriter {
  private readonly groups = new Coalescer<DeliveryAttemptRecordV1>((records) => this.write(records), { maxItems: MAX_GROUP });

  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  /** Resolves once the record is committed. */
  record(record: DeliveryAttemptRecordV1): Promise<void> {
    return this.groups.submit(record);
  }

  private async write(records: readonly DeliveryAttemptRecordV1[]): Promise<void> {
    // Called from a Kafka handler, outside any request: work in a fork of our own.
    await this.em.fork().transactional(async (em) => {
      const ids = [...new Set(records.map(({ deliveryId }) => deliveryId))];
      const deliveries = new Map((await em.find(Delivery, { id: { $in: ids } })).map((delivery) => [delivery.id, delivery]));
      for (const record of records) {
        const owner = deliveries.get(record.deliveryId)?.tenantId;
        // Fails the group; written one by one, only this record fails (and is quarantined).
        if (owner !== undefined && owner !== record.tenantId) {
          throw new MalformedMessageError(`delivery ${record.deliveryId} belongs to another tenant than ${record.tenantId}`);
        }
      }
      await em.upsertMany(DeliveryAttempt, records.map(attemptRow));

      const attempts = await em.find(DeliveryAttempt, { deliveryId: { $in: ids } }, { fields: ['deliveryId', 'n', 'at', 'outcome', 'vendorMessage'] });
      for (const record of records) {
        const { vendorMessage, ...summary } = summarize(attempts.filter(({ deliveryId }) => deliveryId === record.deliveryId));
        const row = deliveries.get(record.deliveryId) ?? em.create(Delivery, {
          id: record.deliveryId,
          tenantId: record.tenantId,
          eventId: record.eventId,
          subscriptionId: record.subscriptionId,
          plugin: record.plugin,
          hook: record.hook,
          ...summary,
        });
        deliveries.set(record.deliveryId, row);
        Object.assign(row, summary, { vendorMessage: vendorMessage ?? null, updatedAt: new Date() });
        row.subject ??= record.subject;
        if (record.event) row.event = record.event;
      }
    });
  }
}

/** The attempt's row; absent optional fields are written as null, so a replaced attempt loses what it no longer says. */
function attemptRow(record: DeliveryAttemptRecordV1): DeliveryAttempt {
  return {
    deliveryId: record.deliveryId,
    n: record.attempt,
    at: new Date(record.at),
    request: record.request,
    response: record.response ? { status: record.response.status, body: truncateUtf8(record.response.body) } : null,
    durationMs: record.durationMs,
    error: record.error ?? null,
    outcome: record.outcome,
    vendorMessage: record.vendorMessage ?? null,
  };
}
