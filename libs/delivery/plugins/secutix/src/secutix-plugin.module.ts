import { Injectable, Module } from '@nestjs/common';
import { DeliveryPlugin } from '@hookbus/delivery-sdk';
import { secutixPlugin } from './secutix.plugin';

@DeliveryPlugin(secutixPlugin)
@Injectable()
class SecutixDeliveryPlugin {}

/** Import into delivery-service to deliver SecuTix webhooks. */
@Module({ providers: [SecutixDeliveryPlugin] })
export class SecutixPluginModule {}
