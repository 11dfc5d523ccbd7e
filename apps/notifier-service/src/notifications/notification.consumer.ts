import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics } from '@hookbus/contracts';
import { type ConsumedMessage, ConsumeTopic } from '@hookbus/kafka';
import { contextFrom, inConsumerSpan } from '@hookbus/platform';
import { decodeNotification } from './notification-record';
import { NotificationHandler } from './notification.handler';

/** E-mails the contacts of a subscription about the notifications delivery-service publishes. */
@Controller()
export class NotificationConsumer {
  constructor(@Inject(NotificationHandler) private readonly handler: NotificationHandler) {}

  @ConsumeTopic(Topics.notifications.name)
  async onNotification(@Payload() message: ConsumedMessage): Promise<void> {
    const record = decodeNotification(message);
    // A child of the attempt that ended badly, which the message's headers name.
    const span = {
      topic: Topics.notifications.name,
      parent: contextFrom(message.headers),
      attributes: { 'hookbus.notification.id': record.id, 'hookbus.notification.type': record.type, 'hookbus.subscription.id': record.subscriptionId },
    };
    await inConsumerSpan(span, () => this.handler.handle(record));
  }
}
