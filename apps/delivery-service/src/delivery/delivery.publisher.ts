import { Inject, Injectable } from '@nestjs/common';
import { Topics } from '@hookbus/contracts';
import { KafkaBus } from '@hookbus/kafka';
import { observeAttempt } from './delivery-metrics';
import type { DeliveryDecision } from './rules';

/**
 * Writes what the delivery rules decided to the stream. Resolves only once the broker holds every
 * record (acks=all), so a consumed message is committed after its consequences are durable.
 */
@Injectable()
export class DeliveryPublisher {
  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus) {}

  /**
   * The log record first: a later record of the same attempt (the attempt made once a put-off or
   * scheduled one is released) then always follows it on the delivery's partition and replaces
   * it, never the other way round. Then the dead letter, then the e-mail.
   */
  async publish({ records: { log, deadLetter, notification } }: DeliveryDecision): Promise<void> {
    await this.write(Topics.deliveryLog.name, log.deliveryId, log);
    observeAttempt(log);
    if (deadLetter) await this.write(Topics.deadLetters.name, deadLetter.deliveryId, deadLetter);
    if (notification) await this.write(Topics.notifications.name, notification.subscriptionId, notification);
  }

  private write(topic: string, key: string, value: unknown): Promise<void> {
    return this.bus.publish(topic, [{ key, value: JSON.stringify(value) }]);
  }
}
