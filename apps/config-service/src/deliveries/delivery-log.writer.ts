import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import type { DeliveryAttemptRecordV1 } from '@hookbus/contracts';
import { MalformedMessageError } from '@hookbus/kafka';
import { truncateUtf8 } from './attempt-record';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { summarize } from './delivery-summary';
import { Delivery } from './delivery.entity';

/**
 * Writes attempt records into the delivery log. Idempotent: an attempt is identified by
 * `(deliveryId, n)`, so a redelivered record replaces itself instead of adding a row, and the
 * delivery row is recomputed from all its attempts, so a late older attempt never wins.
 */
@Injectable()
export class DeliveryLogWriter {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  async record(record: DeliveryAttemptRecordV1): Promise<void> {
    // Called from a Kafka handler, outside any request: work in a fork of our own.
    await this.em.fork().transactional(async (em) => {
      const delivery = await em.findOne(Delivery, { id: record.deliveryId });
      if (delivery && delivery.tenantId !== record.tenantId) {
        throw new MalformedMessageError(`delivery ${record.deliveryId} belongs to another tenant than ${record.tenantId}`);
      }
      await this.upsertAttempt(em, record);
      await em.flush();

      const attempts = await em.find(
        DeliveryAttempt,
        { deliveryId: record.deliveryId },
        { fields: ['n', 'at', 'outcome', 'vendorMessage'] },
      );
      const { vendorMessage, ...summary } = summarize(attempts);
      const row = delivery ?? em.create(Delivery, {
        id: record.deliveryId,
        tenantId: record.tenantId,
        eventId: record.eventId,
        subscriptionId: record.subscriptionId,
        plugin: record.plugin,
        hook: record.hook,
        ...summary,
      });
      Object.assign(row, summary, { vendorMessage: vendorMessage ?? null, updatedAt: new Date() });
      row.subject ??= record.subject;
      if (record.event) row.event = record.event;
    });
  }

  private async upsertAttempt(em: EntityManager, record: DeliveryAttemptRecordV1): Promise<void> {
    // Absent optional fields are written as null, so a replaced attempt loses what it no longer says.
    const fields = {
      at: new Date(record.at),
      request: record.request,
      response: record.response ? { status: record.response.status, body: truncateUtf8(record.response.body) } : null,
      durationMs: record.durationMs,
      error: record.error ?? null,
      outcome: record.outcome,
      vendorMessage: record.vendorMessage ?? null,
    };
    const existing = await em.findOne(DeliveryAttempt, { deliveryId: record.deliveryId, n: record.attempt });
    if (existing) Object.assign(existing, fields);
    else em.create(DeliveryAttempt, { deliveryId: record.deliveryId, n: record.attempt, ...fields });
  }
}
