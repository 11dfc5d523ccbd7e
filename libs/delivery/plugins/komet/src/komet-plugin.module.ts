import { Injectable, Module } from '@nestjs/common';
import { DeliveryPlugin } from '@hookbus/delivery-sdk';
import { kometPlugin } from './komet.plugin';

@DeliveryPlugin(kometPlugin)
@Injectable()
class KometDeliveryPlugin {}

/** Import into delivery-service to deliver Komet Sales webhooks. */
@Module({ providers: [KometDeliveryPlugin] })
export class KometPluginModule {}
