import { Global, Module } from '@nestjs/common';
import { SubscriptionViewController } from './subscription-view.controller';
import { SubscriptionView } from './subscription-view';
import { SubscriptionViewReadiness } from './subscription-view.readiness';

// Global because the platform's health module resolves readiness checks from global providers.
@Global()
@Module({
  controllers: [SubscriptionViewController],
  providers: [SubscriptionView, SubscriptionViewReadiness],
  exports: [SubscriptionView, SubscriptionViewReadiness],
})
export class SubscriptionViewModule {}
