import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics } from '@hookbus/contracts';
import { type ConsumedMessage, ConsumeTopic } from '@hookbus/kafka';
import { observeDispatchLag } from './delivery/delivery-metrics';
import { EventDispatcher } from './event-dispatcher';
import { decodeEventMessage } from './event-message';

@Controller()
export class EventsConsumer {
  constructor(@Inject(EventDispatcher) private readonly dispatcher: EventDispatcher) {}

  @ConsumeTopic(Topics.events.name)
  async onEvent(@Payload() message: ConsumedMessage): Promise<void> {
    observeDispatchLag(message.timestamp);
    await this.dispatcher.dispatch(decodeEventMessage(message));
  }
}
