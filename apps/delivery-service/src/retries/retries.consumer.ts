import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics } from '@hookbus/contracts';
import { type ConsumedMessage, ConsumeTopic } from '@hookbus/kafka';
import { decodeRetryMessage } from './retry-message';
import { RetryHandler } from './retry.handler';

@Controller()
export class RetriesConsumer {
  constructor(@Inject(RetryHandler) private readonly handler: RetryHandler) {}

  @ConsumeTopic(Topics.retries.name)
  async onRetry(@Payload() message: ConsumedMessage): Promise<void> {
    await this.handler.handle(decodeRetryMessage(message));
  }
}
