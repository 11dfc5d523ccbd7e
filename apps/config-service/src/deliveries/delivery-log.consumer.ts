import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics } from '@hookbus/contracts';
import { type ConsumedMessage, ConsumeTopic } from '@hookbus/kafka';
import { decodeAttemptRecord } from './attempt-record';
import { SubscriptionDeactivator } from '../subscriptions/subscription-deactivator';
import { DeliveryLogWriter } from './delivery-log.writer';

/**
 * Builds the delivery log from the attempt records delivery-service publishes, then lets the
 * deactivator judge the subscription by it.
 */
@Controller()
export class DeliveryLogConsumer {
  constructor(
    @Inject(DeliveryLogWriter) private readonly writer: DeliveryLogWriter,
    @Inject(SubscriptionDeactivator) private readonly deactivator: SubscriptionDeactivator,
  ) {}

  @ConsumeTopic(Topics.deliveryLog.name)
  async onAttempt(@Payload() message: ConsumedMessage): Promise<void> {
    const record = decodeAttemptRecord(message);
    await this.writer.record(record);
    await this.deactivator.onAttempt(record);
  }
}
