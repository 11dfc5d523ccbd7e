import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics } from '@hookbus/contracts';
import { type ConsumedMessage, ConsumeTopic } from '@hookbus/kafka';
import { contextFrom, inConsumerSpan, linksTo } from '@hookbus/platform';
import { eventAttributes } from '../event-span';
import { decodeRetryMessage } from './retry-message';
import { RetryHandler } from './retry.handler';

@Controller()
export class RetriesConsumer {
  constructor(@Inject(RetryHandler) private readonly handler: RetryHandler) {}

  @ConsumeTopic(Topics.retries.name)
  async onRetry(@Payload() message: ConsumedMessage): Promise<void> {
    const record = decodeRetryMessage(message);
    // In its event's trace, following (linked to) the attempt that failed.
    const span = {
      topic: Topics.retries.name,
      parent: contextFrom(record.event),
      links: linksTo(record.traceparent),
      attributes: { ...eventAttributes(record.event), 'hookbus.delivery.id': record.deliveryId, 'hookbus.delivery.attempt': record.attempt, 'hookbus.retry.manual': record.manual },
    };
    await inConsumerSpan(span, () => this.handler.handle(record));
  }
}
