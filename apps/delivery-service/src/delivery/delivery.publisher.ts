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
   * it, never the other way round. Then the dead letter, then the e-mail. Both name the
   * attempt's span, if traced: the dead letter in its record, which the retry-scheduler keeps
   * until the retry, and both in W3C trace-context headers.
   */
  async publish({ records: { log, deadLetter, notification }, traceparent }: DeliveryDecision): Promise<void> {
    await this.write(Topics.deliveryLog.name, log.deliveryId, log);
    observeAttempt(log);
    const headers = traceparent === undefined ? undefined : { traceparent };
    if (deadLetter) await this.write(Topics.deadLetters.name, deadLetter.deliveryId, headers ? { ...deadLetter, traceparent } : deadLetter, headers);
    if (notification) await this.write(Topics.notifications.name, notification.subscriptionId, notification, headers);
  }

  private write(topic: string, key: string, value: unknown, headers?: Record<string, string>): Promise<void> {
    return this.bus.publish(topic, [{ key, value: JSON.stringify(value), headers }]);
  }
}
