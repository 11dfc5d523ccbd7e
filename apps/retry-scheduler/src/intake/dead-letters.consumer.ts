import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics } from '@hookbus/contracts';
import { type ConsumedMessage, ConsumeTopic } from '@hookbus/kafka';
import { contextFrom, inConsumerSpan, linksTo } from '@hookbus/platform';
import { decodeDeadLetter } from './dead-letter-message';
import { MAX_GROUP, PendingReleaseStore } from './pending-release.store';

/**
 * Dead letters handled at once: a full group of the store. With fewer, a backlog would be stored
 * in groups that never fill and each wait out the store's linger.
 */
export const DEAD_LETTERS_IN_FLIGHT = MAX_GROUP;
/** The store lingers for its groups anyway; fetching as often as dead letters come costs CPU here and in the broker. */
export const DEAD_LETTERS_FETCH_GATHER_MS = 250;

/** Takes dead letters off the topic; the offset is committed only once the row is stored. */
@Controller()
export class DeadLettersConsumer {
  constructor(@Inject(PendingReleaseStore) private readonly store: PendingReleaseStore) {}

  @ConsumeTopic(Topics.deadLetters.name)
  async onDeadLetter(@Payload() message: ConsumedMessage): Promise<void> {
    const record = decodeDeadLetter(message);
    // In its event's trace, following (linked to) the attempt that failed.
    const span = {
      topic: Topics.deadLetters.name,
      parent: contextFrom(record.event),
      links: linksTo(record.traceparent),
      attributes: { 'hookbus.delivery.id': record.deliveryId, 'hookbus.delivery.attempt': record.attempt, 'hookbus.retry.due_at': record.dueAt },
    };
    await inConsumerSpan(span, () => this.store.store(record));
  }
}
