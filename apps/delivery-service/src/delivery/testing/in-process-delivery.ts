import { randomBytes } from 'node:crypto';
import {
  type DeadLetterRecordV1,
  type DeliveryAttemptRecordV1,
  type HookbusEvent,
  type NotificationRecordV1,
  type RetryRecordV1,
  sealedFieldContext,
  type SubscriptionSnapshotV1,
  Topics,
} from '@hookbus/contracts';
import { DEFAULT_ENDPOINT_FLOW, EndpointGates, SubscriptionPacer } from '@hookbus/delivery-transport';
import { InMemoryBus } from '@hookbus/kafka/testing';
import { SecretBox } from '@hookbus/platform';
import { REGISTERED_PLUGINS } from '@hookbus/plugin-registry';
import { PluginRegistry } from '../../plugins/plugin-registry';
import { RetryHandler } from '../../retries/retry.handler';
import type { SubscriptionView } from '../../subscriptions/subscription-view';
import { AttemptExecutor } from '../attempt.executor';
import { DeliveryPublisher } from '../delivery.publisher';
import { ScheduledDelivery } from '../scheduled-delivery';
import { ScriptedSender } from './scripted-sender';
import { VENDOR_SAMPLES } from './vendor-samples';

export interface InProcessOptions {
  /** Consecutive failures that open an endpoint's circuit; by default more than any retry policy makes. */
  readonly circuitFailures?: number;
  readonly coolDownMs?: number;
}

/**
 * delivery-service's delivery path wired by hand, with an in-memory bus instead of Kafka and a
 * scripted sender instead of HTTP: the real executor, publisher, retry handler, plugins, endpoint
 * gates (on a clock the spec moves) and rules. `release` does what the retry-scheduler does.
 */
export class InProcessDelivery {
  readonly bus = new InMemoryBus();
  readonly sender = new ScriptedSender();
  readonly plugins = new PluginRegistry(REGISTERED_PLUGINS.map(({ definition }) => definition));
  /** The endpoint gates' time; `advance` moves it. */
  now = Date.now();
  private readonly box = new SecretBox(randomBytes(32));
  private readonly subscriptions = new Map<string, SubscriptionSnapshotV1>();
  private readonly released = new Set<number>();
  private readonly executor: AttemptExecutor;
  private readonly scheduled: ScheduledDelivery;
  private readonly retries: RetryHandler;

  constructor({ circuitFailures = 100, coolDownMs = 30_000 }: InProcessOptions = {}) {
    const circuit = { ...DEFAULT_ENDPOINT_FLOW.circuit, failures: circuitFailures, coolDownMs };
    const gates = new EndpointGates({ ...DEFAULT_ENDPOINT_FLOW, circuit }, () => this.now);
    const publisher = new DeliveryPublisher(this.bus.asKafkaBus());
    this.executor = new AttemptExecutor(this.box, this.sender.asDeliverySender(), gates, new SubscriptionPacer(), publisher);
    this.scheduled = new ScheduledDelivery(this.box, publisher);
    const view = { get: (id: string) => this.subscriptions.get(id) } as SubscriptionView;
    this.retries = new RetryHandler(view, this.plugins, this.executor, publisher);
  }

  advance(ms: number): void {
    this.now += ms;
  }

  /** A subscription to the vendor's sample hook, as config-service would publish it. */
  subscribe(vendor: string, changes: Partial<SubscriptionSnapshotV1> = {}): SubscriptionSnapshotV1 {
    const id = changes.id ?? `sub_${vendor}_${this.subscriptions.size + 1}`;
    const { hook, url, event } = VENDOR_SAMPLES[vendor];
    const snapshot: SubscriptionSnapshotV1 = {
      id,
      tenantId: event.tenantid,
      plugin: vendor,
      hook,
      url,
      method: this.plugin(vendor).defaultMethod,
      enabled: true,
      status: 'active',
      auth: { type: 'none' },
      errorEmails: ['ops@example.com'],
      settings: {},
      signingSecrets: [{ secret: this.box.encrypt('whsec_c2VjcmV0c2VjcmV0c2VjcmV0', sealedFieldContext(id, 'signingSecret')) }],
      version: 1,
      updatedAt: new Date().toISOString(),
      ...changes,
    };
    this.subscriptions.set(id, snapshot);
    return snapshot;
  }

  unsubscribe(id: string): void {
    this.subscriptions.delete(id);
  }

  /** What the event dispatcher does for one matching subscription: a first attempt now, or a scheduled one. */
  async dispatch(snapshot: SubscriptionSnapshotV1, event: HookbusEvent = VENDOR_SAMPLES[snapshot.plugin].event): Promise<void> {
    const plugin = this.plugin(snapshot.plugin);
    await (plugin.schedule ? this.scheduled.enqueue(event, snapshot, plugin) : this.executor.execute({ event, snapshot, plugin, attempt: 1 }));
  }

  /** A record on the retry topic (a released dead letter, or config-service's manual retry). */
  retry(record: RetryRecordV1): Promise<void> {
    return this.retries.handle(record);
  }

  /** Releases the oldest dead letter not released yet (of those `which` picks), as the retry-scheduler does once it is due; false when none is left. */
  async release(which: (record: DeadLetterRecordV1) => boolean = () => true): Promise<boolean> {
    const index = this.deadLetters().findIndex((record, at) => !this.released.has(at) && which(record));
    if (index < 0) return false;
    this.released.add(index);
    const { dueAt: _dueAt, reason: _reason, batch: _batch, ...retry } = this.deadLetters()[index];
    await this.retry({ ...retry, manual: false });
    return true;
  }

  /** Releases dead letters until none is left: the delivery runs its course. */
  async releaseAll(): Promise<void> {
    while (await this.release());
  }

  logs(): DeliveryAttemptRecordV1[] {
    return this.bus.values(Topics.deliveryLog.name);
  }

  deadLetters(): DeadLetterRecordV1[] {
    return this.bus.values(Topics.deadLetters.name);
  }

  notifications(): NotificationRecordV1[] {
    return this.bus.values(Topics.notifications.name);
  }

  /** Each log record as [attempt, outcome]. */
  outcomes(): [number, string][] {
    return this.logs().map(({ attempt, outcome }) => [attempt, outcome]);
  }

  private plugin(vendor: string) {
    const plugin = this.plugins.get(vendor);
    if (!plugin) throw new Error(`${vendor} is not registered`);
    return plugin;
  }
}
