import { randomUUID } from 'node:crypto';
import type { PlannedTenant } from './tenants';

/** An event ingest-service took (202: on the topic, acks=all), which the run must account for. */
export interface AcceptedEvent {
  readonly id: string;
  readonly tenant: PlannedTenant;
  readonly type: string;
  readonly subject: string;
  readonly acceptedAt: number;
}

const LOAD_TYPES = ['order.confirmed', 'order.cancelled', 'shipment.status_changed', 'order.completed', 'order.closed'] as const;
const SUBJECTS = 40;
const TICK_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sequence = 0;

/** A valid CloudEvent of `type` for `tenant`, with a number of its own in the data. */
export function chaosEvent(tenant: PlannedTenant, type: string, subject = `order-${sequence % SUBJECTS}`): Record<string, unknown> {
  const seq = ++sequence;
  const data: Record<string, Record<string, unknown>> = {
    'order.confirmed': { companyId: 6316, orderId: seq },
    'order.cancelled': { companyId: 6316, orderId: seq },
    'shipment.status_changed': { orderNo: String(seq), awb: `AWB${seq}`, status: 'Dikirim' },
    'order.completed': { seq, total: 125_000 },
    'order.closed': { orderId: seq, orderDetailsData: { orderType: 'SALE', orderState: 'CLOSED', operationDatas: [] } },
  };
  return {
    specversion: '1.0', id: randomUUID(), source: 'urn:hookbus:chaos', type, time: new Date().toISOString(), subject,
    tenantid: tenant.id, ...(type === 'order.completed' ? { origin: 'shop' } : {}), data: data[type],
  };
}

/**
 * A producer as other teams' services are: it posts batches to ingest-service and, when refused or
 * unanswered (ingest down, broker down), posts the same batch again until it is taken, as the event
 * ids make that safe. Only events answered 202 count as accepted.
 */
export class Producer {
  readonly accepted: AcceptedEvent[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(private readonly ingestUrl: string) {}

  /** Posts `events` until ingest-service takes them, or gives up after `patienceMs` (nothing accepted). */
  async publish(tenant: PlannedTenant, events: Record<string, unknown>[], patienceMs = 120_000): Promise<AcceptedEvent[]> {
    const deadline = Date.now() + patienceMs;
    while (Date.now() < deadline) {
      const response = await fetch(`${this.ingestUrl}/v1/events/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tenant.producerKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(events),
        signal: AbortSignal.timeout(15_000),
      }).catch(() => undefined);
      if (response?.status === 202) {
        const acceptedAt = Date.now();
        const accepted = events.map((event) => ({ id: String(event['id']), tenant, type: String(event['type']), subject: String(event['subject']), acceptedAt }));
        this.accepted.push(...accepted);
        return accepted;
      }
      if (response && response.status < 500 && response.status !== 429) throw new Error(`ingest refused the batch: ${response.status} ${await response.text()}`);
      await sleep(TICK_MS);
    }
    return [];
  }

  /** A steady load: `perTick` events for each tenant every 250 ms, the types in turn. */
  start(tenants: readonly PlannedTenant[], perTick: number): void {
    this.running = true;
    this.loops = tenants.map(async (tenant) => {
      let turn = 0;
      while (this.running) {
        const next = Date.now() + TICK_MS;
        const events = Array.from({ length: perTick }, () => chaosEvent(tenant, LOAD_TYPES[turn++ % LOAD_TYPES.length]));
        await this.publish(tenant, events);
        await sleep(Math.max(0, next - Date.now()));
      }
    });
  }

  /** Stops the load once the batches being posted are taken. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}
