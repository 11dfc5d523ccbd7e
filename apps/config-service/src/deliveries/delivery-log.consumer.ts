import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics } from '@hookbus/contracts';
import { type ConsumedMessage, ConsumeTopic } from '@hookbus/kafka';
import { decodeAttemptRecord } from './attempt-record';
import { DeliveryLogWriter } from './delivery-log.writer';

/** Builds the delivery log from the attempt records delivery-service publishes. */
@Controller()
export class DeliveryLogConsumer {
  constructor(@Inject(DeliveryLogWriter) private readonly writer: DeliveryLogWriter) {}

  @ConsumeTopic(Topics.deliveryLog.name)
  async onAttempt(@Payload() message: ConsumedMessage): Promise<void> {
    await this.writer.record(decodeAttemptRecord(message));
  }
}
