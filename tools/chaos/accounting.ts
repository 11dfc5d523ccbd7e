import { deliveryId } from '@hookbus/contracts';
import type { SunkMail } from '../../test/support/smtp-sink';
import type { DeliveryLog, LoggedDelivery } from './delivery-log';
import type { AcceptedEvent } from './producer';

/** Where every delivery the accepted events call for ended up. */
export interface Accounts {
  readonly events: number;
  readonly deliveries: number;
  /** Taken by its receiver (2xx, Komet's status 1). */
  readonly delivered: number;
  /** `failed` or `abandoned` in the delivery log. */
  readonly failed: number;
  /** `retrying` with a due time, or a paced delivery held for its subscription's run. */
  readonly scheduled: number;
  /** None of the above: lost, unless still on its way (the run waits for this to reach 0). */
  readonly unaccounted: string[];
  /** Taken by the receiver more than once (allowed: receivers dedupe by `webhook-id`). */
  readonly duplicates: number;
  /**
   * Taken by the receiver while the log still has an attempt due: a message handled again after a
   * crash started a second chain of attempts, whose next one will be a duplicate (allowed, counted).
   */
  readonly deliveredWithAttemptDue: number;
  /** Taken by the receiver, yet the log shows it neither delivered nor with an attempt due: `<id> (<status>)`. */
  readonly logBehind: string[];
  /** Failed deliveries with no e-mail, and with e-mails of more than one Message-ID. */
  readonly failedUnmailed: number;
  readonly failedMailedTwice: number;
  /** E-mails sent again with the same Message-ID (allowed: mail clients fold them). */
  readonly mailRepeats: number;
}

const FAILED = ['failed', 'abandoned'];

/** Mails of each delivery: the Message-IDs of its failure notices (`X-Hookbus-Notification: <delivery>:<attempt>:<type>`). */
function mailsByDelivery(mails: readonly SunkMail[]): Map<string, string[]> {
  const byDelivery = new Map<string, string[]>();
  for (const mail of mails) {
    const notification = String(mail.parsed.headers.get('x-hookbus-notification') ?? '');
    if (!notification) continue;
    const id = notification.split(':')[0];
    byDelivery.set(id, [...(byDelivery.get(id) ?? []), mail.messageId ?? notification]);
  }
  return byDelivery;
}

function isScheduled(logged: LoggedDelivery | undefined, paced: boolean): boolean {
  if (logged?.status === 'retrying' && logged.dueAt !== null) return true;
  return paced && logged?.status === 'pending';
}

/** Accounts for every delivery of every accepted event, from its receiver, the delivery log and the mail sink. */
export async function account(accepted: readonly AcceptedEvent[], log: DeliveryLog, mails: readonly SunkMail[]): Promise<Accounts> {
  const logged = await log.deliveries();
  const mailed = mailsByDelivery(mails);
  const seen = new Set<string>();
  let delivered = 0, failed = 0, scheduled = 0, duplicates = 0, deliveredWithAttemptDue = 0, failedUnmailed = 0, failedMailedTwice = 0, mailRepeats = 0;
  const unaccounted: string[] = [];
  const logBehind: string[] = [];
  for (const event of accepted) {
    for (const subscription of event.tenant.subscriptions.filter((candidate) => candidate.eventTypes.includes(event.type))) {
      const id = deliveryId(event.id, subscription.id);
      if (seen.has(id)) continue; // a batch posted again after a lost answer: the same deliveries
      seen.add(id);
      const receipt = subscription.endpoint.receipts.get(id);
      const entry = logged.get(id);
      if (receipt && receipt.accepted.length > 0) {
        delivered += 1;
        duplicates += receipt.accepted.length - 1;
        if (entry?.status === 'retrying' && entry.dueAt !== null) deliveredWithAttemptDue += 1;
        else if (entry?.status !== 'delivered') logBehind.push(`${id} (${entry?.status ?? 'not logged'})`);
      } else if (entry && FAILED.includes(entry.status)) {
        failed += 1;
        const messageIds = mailed.get(id) ?? [];
        const distinct = new Set(messageIds).size;
        if (distinct === 0) failedUnmailed += 1;
        if (distinct > 1) failedMailedTwice += 1;
        mailRepeats += messageIds.length - distinct;
      } else if (isScheduled(entry, subscription.paced)) {
        scheduled += 1;
      } else {
        unaccounted.push(id);
      }
    }
  }
  return { events: new Set(accepted.map(({ id }) => id)).size, deliveries: seen.size, delivered, failed, scheduled, unaccounted, duplicates, deliveredWithAttemptDue, logBehind, failedUnmailed, failedMailedTwice, mailRepeats };
}
