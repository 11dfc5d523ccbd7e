import { Inject, Injectable } from '@nestjs/common';
import { Topics } from '@hookbus/contracts';
import type { ReadinessCheck } from '@hookbus/platform';
import { SubscriptionView } from './subscription-view';

/** Not ready until the view holds every subscription: matching against a partial view would drop deliveries. */
@Injectable()
export class SubscriptionViewReadiness implements ReadinessCheck {
  readonly name = 'subscription-view';

  constructor(@Inject(SubscriptionView) private readonly view: SubscriptionView) {}

  async check(): Promise<void> {
    if (!this.view.isCaughtUp) throw new Error(`still reading ${Topics.subscriptions.name}`);
  }
}
