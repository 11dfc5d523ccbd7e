import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics } from '@hookbus/contracts';
import { type ConsumedMessage, ConsumeTopic } from '@hookbus/kafka';
import { decodeNotification } from './notification-record';
import { NotificationHandler } from './notification.handler';

/** E-mails the contacts of a subscription about the notifications delivery-service publishes. */
@Controller()
export class NotificationConsumer {
  constructor(@Inject(NotificationHandler) private readonly handler: NotificationHandler) {}

  @ConsumeTopic(Topics.notifications.name)
  async onNotification(@Payload() message: ConsumedMessage): Promise<void> {
    await this.handler.handle(decodeNotification(message));
  }
}
