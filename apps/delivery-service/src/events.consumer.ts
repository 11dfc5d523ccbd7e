import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics } from '@hookbus/contracts';
import { type ConsumedMessage, ConsumeTopic } from '@hookbus/kafka';
import { eventContextFrom, inConsumerSpan } from '@hookbus/platform';
import { observeDispatchLag } from './delivery/delivery-metrics';
import { EventDispatcher } from './event-dispatcher';
import { decodeEventMessage } from './event-message';
import { eventAttributes } from './event-span';

@Controller()
export class EventsConsumer {
  constructor(@Inject(EventDispatcher) private readonly dispatcher: EventDispatcher) {}

  @ConsumeTopic(Topics.events.name)
  async onEvent(@Payload() message: ConsumedMessage): Promise<void> {
    observeDispatchLag(message.timestamp);
    const event = decodeEventMessage(message);
    const span = { topic: Topics.events.name, parent: eventContextFrom(message.headers, event), attributes: eventAttributes(event) };
    await inConsumerSpan(span, () => this.dispatcher.dispatch(event));
  }
}
