import { deliveryId } from '@hookbus/contracts';
import type { SunkMail } from '../../test/support/smtp-sink';
import type { DeliveryLog } from './delivery-log';
import type { Endpoint } from './endpoints';
import { chaosEvent, type Producer } from './producer';
import type { PlannedTenant } from './tenants';

/** Enough subjects that every partition of the events topic very likely carries one. */
const SUBJECTS = 24;

/** The deliveries one canary send expects, by the path each proves. */
interface Probe {
  /** Sent at once by delivery-komet and delivery-a/b, on every partition. */
  readonly prompt: string[];
  /** Fails once, so the retry-scheduler must hold and release it. */
  readonly retried: string;
  /** Refused, so notifier-service must e-mail it. */
  readonly refused: string;
}

/**
 * Recovery, made observable: a few events through every service and store, sent when a fault is
 * injected. The platform has recovered once each of them is where it should be (received, retried,
 * e-mailed, logged in a final state) and every instance is ready again.
 */
export class Canary {
  constructor(
    private readonly producer: Producer,
    private readonly tenant: PlannedTenant,
    private readonly endpoints: { prompt: Endpoint; retried: Endpoint },
    private readonly log: DeliveryLog,
    private readonly mails: readonly SunkMail[],
  ) {}

  /** Publishes the canary events (waiting out a front door that is down) and returns what to look for. */
  async send(): Promise<Probe> {
    const events = [
      ...Array.from({ length: SUBJECTS }, (_, n) => chaosEvent(this.tenant, 'order.confirmed', `canary-${n}`)),
      ...Array.from({ length: SUBJECTS }, (_, n) => chaosEvent(this.tenant, 'shipment.status_changed', `canary-${n}`)),
      chaosEvent(this.tenant, 'order.completed', 'canary-retried'),
      chaosEvent(this.tenant, 'order.cancelled', 'canary-refused'),
    ];
    const accepted = await this.producer.publish(this.tenant, events, 600_000);
    if (accepted.length === 0) throw new Error('ingest-service never took the canary events');
    const ids = accepted.map((event) => deliveryId(event.id, this.subscriptionFor(event.type)));
    return { prompt: ids.slice(0, 2 * SUBJECTS), retried: ids[2 * SUBJECTS], refused: ids[2 * SUBJECTS + 1] };
  }

  /** What the probe still waits for, or an empty list once it has all arrived. */
  async missing(probe: Probe): Promise<string[]> {
    const missing: string[] = [];
    const notReceived = probe.prompt.filter((id) => !this.endpoints.prompt.receipts.get(id)?.accepted.length);
    if (notReceived.length > 0) missing.push(`${notReceived.length} prompt deliveries`);
    if (!this.endpoints.retried.receipts.get(probe.retried)?.accepted.length) missing.push('the retried delivery');
    if (!this.mails.some((mail) => String(mail.parsed.headers.get('x-hookbus-notification') ?? '').startsWith(`${probe.refused}:`))) missing.push('the failure e-mail');
    const all = [...probe.prompt, probe.retried, probe.refused];
    const logged = await this.log.deliveries(all).catch(() => new Map());
    const unlogged = all.filter((id) => !['delivered', 'failed'].includes(logged.get(id)?.status ?? ''));
    if (unlogged.length > 0) missing.push(`${unlogged.length} delivery-log entries`);
    return missing;
  }

  private subscriptionFor(type: string): string {
    const subscription = this.tenant.subscriptions.find((candidate) => candidate.eventTypes.includes(type));
    if (!subscription) throw new Error(`the canary tenant has no subscription for ${type}`);
    return subscription.id;
  }
}
