import { Injectable, Module } from '@nestjs/common';
import { DeliveryPlugin } from '@hookbus/delivery-sdk';
import { komercePlugin } from './komerce.plugin';

@DeliveryPlugin(komercePlugin)
@Injectable()
class KomerceDeliveryPlugin {}

/** Import into delivery-service to deliver Komerce webhooks. */
@Module({ providers: [KomerceDeliveryPlugin] })
export class KomercePluginModule {}
