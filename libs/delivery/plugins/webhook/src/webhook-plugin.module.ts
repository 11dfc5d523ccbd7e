import { Injectable, Module } from '@nestjs/common';
import { DeliveryPlugin } from '@hookbus/delivery-sdk';
import { webhookPlugin } from './webhook.plugin';

@DeliveryPlugin(webhookPlugin)
@Injectable()
class WebhookDeliveryPlugin {}

/** Hosted by delivery-service through the plugin registry, when `DELIVERY_PLUGINS` names webhook. */
@Module({ providers: [WebhookDeliveryPlugin] })
export class WebhookPluginModule {}
