import { Injectable, Module } from '@nestjs/common';
import { DeliveryPlugin } from '@hookbus/delivery-sdk';
import { postbackPlugin } from './postback.plugin';

@DeliveryPlugin(postbackPlugin)
@Injectable()
class PostbackDeliveryPlugin {}

/** Import into delivery-service to deliver postback (system notification) webhooks. */
@Module({ providers: [PostbackDeliveryPlugin] })
export class PostbackPluginModule {}
