import type { HookbusEvent } from '@hookbus/contracts';
import type { DeliverablePlugin, Subscription } from '@hookbus/delivery-sdk';
import type { DeliveryRef } from '../delivery-ref';

/** What every rule knows about the attempt it judges: which delivery, under which policy, its number. */
export interface AttemptContext {
  readonly ref: DeliveryRef;
  readonly event: HookbusEvent;
  /** Its retry delays and, for a paced plugin, its schedule; its title and hooks name it in e-mails. */
  readonly plugin: Pick<DeliverablePlugin, 'retry' | 'schedule' | 'title' | 'hooks'>;
  /** As configured: its own delays, its pacing settings, whom to e-mail. */
  readonly subscription: Pick<Subscription, 'url' | 'errorEmails' | 'settings' | 'retryPolicy'>;
  /** 1 for the first attempt; retries, manual ones included, count on. */
  readonly attempt: number;
}
