import { randomUUID } from 'node:crypto';
import { eventKey, Topics } from '@hookbus/contracts';
import type { ConsumedMessage, KafkaBus } from '@hookbus/kafka';
import { collect, pollUntil, type TestDatabase, testBus, testDatabases, uniqueGroup, uniquePrefix } from '@hookbus/testing';
import { ApiClient, newTenant, SECRET_KEY, spawnConfigService } from './config-service';
import { ServiceProcess } from './service-process';
import { WebhookReceiver } from './webhook-receiver';

// Records are asserted structurally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * config-service and delivery-service (and ingest-service, if spawned) as real processes on a topic
 * prefix of their own, a real loopback receiver, and collectors on the topics delivery-service writes.
 */
export class DeliveryHarness {
  log!: ConsumedMessage[];
  deadLetters!: ConsumedMessage[];
  notifications!: ConsumedMessage[];
  private readonly running: ServiceProcess[] = [];
  private readonly created: string[] = [];
  private readonly retired: WebhookReceiver[] = [];
  private readonly deliveryGroup = uniqueGroup('delivery');

  private constructor(
    readonly prefix: string,
    readonly bus: KafkaBus,
    public receiver: WebhookReceiver,
    private readonly database: TestDatabase,
  ) {}

  config!: ServiceProcess;
  delivery!: ServiceProcess;
  tenantId!: string;
  client!: ApiClient;
  private apiKey!: string;

  static async start(
    label: string,
    deliveryEnv: Record<string, string> = { HOOKBUS_EGRESS_ALLOW: '127.0.0.1' },
    databaseLabel: 'sqlite' | 'postgresql' = 'sqlite',
  ): Promise<DeliveryHarness> {
    const prefix = uniquePrefix(label);
    const [sqlite, postgresql] = testDatabases();
    const database = databaseLabel === 'sqlite' ? sqlite : postgresql;
    await database.create();
    const harness = new DeliveryHarness(prefix, await testBus(prefix), await WebhookReceiver.start(), database);
    // One allow-list for both services, as in a deployment; loopback when delivery-service gets none.
    harness.config = await spawnConfigService(database, prefix, { HOOKBUS_EGRESS_ALLOW: deliveryEnv.HOOKBUS_EGRESS_ALLOW ?? '127.0.0.1' });
    harness.running.push(harness.config);
    harness.delivery = await harness.spawnDelivery(deliveryEnv);
    const tenant = await newTenant(harness.config);
    [harness.tenantId, harness.client, harness.apiKey] = [tenant.tenantId, tenant.client, tenant.key];
    [harness.log, harness.deadLetters, harness.notifications] = await Promise.all(
      [Topics.deliveryLog, Topics.deadLetters, Topics.notifications].map((topic) => collect(harness.bus, topic.name)),
    );
    return harness;
  }

  async spawnDelivery(env: Record<string, string>): Promise<ServiceProcess> {
    const delivery = await ServiceProcess.spawn('delivery-service', {
      KAFKA_TOPIC_PREFIX: this.prefix,
      KAFKA_GROUP_ID: this.deliveryGroup,
      HOOKBUS_SECRET_KEY: SECRET_KEY,
      LOG_LEVEL: 'warn',
      ...env,
    });
    this.running.push(delivery);
    return delivery.ready();
  }

  /**
   * A new receiver (a new origin, so a new endpoint) in place of the current one, which keeps
   * running: a pause, an open circuit or a cut concurrency of one test's endpoint does not carry over.
   */
  async useNewReceiver(): Promise<WebhookReceiver> {
    this.retired.push(this.receiver);
    this.receiver = await WebhookReceiver.start();
    return this.receiver;
  }

  /** ingest-service on this harness's topics: it authenticates producers with the keys config-service publishes. */
  async spawnIngest(env: Record<string, string> = {}): Promise<ServiceProcess> {
    const ingest = await ServiceProcess.spawn('ingest-service', { KAFKA_TOPIC_PREFIX: this.prefix, LOG_LEVEL: 'warn', ...env });
    this.running.push(ingest);
    return ingest.ready();
  }

  /** Stops config-service and starts it again on the same database and topics, with `env` on top. */
  async restartConfig(env: Record<string, string>): Promise<void> {
    await this.config.stop();
    this.config = await spawnConfigService(this.database, this.prefix, { HOOKBUS_EGRESS_ALLOW: '127.0.0.1', ...env });
    this.running.push(this.config);
    this.client = new ApiClient(this.config.url, this.apiKey);
  }

  /** Creates a subscription through the API and waits until delivery-service routes to it. */
  async subscribe(body: Record<string, unknown>): Promise<{ id: string; signingSecret: string }> {
    const created = await this.client.post('/v1/subscriptions', body);
    if (created.status !== 201) throw new Error(`creating a subscription answered ${created.status}: ${JSON.stringify(created.body)}`);
    this.created.push(created.body.id);
    await this.inView(created.body.id, true);
    return { id: created.body.id, signingSecret: created.body.signingSecret };
  }

  /** Deletes every subscription created so far, so the next test's events reach only its own. */
  async unsubscribeAll(): Promise<void> {
    const ids = this.created.splice(0);
    await Promise.all(ids.map((id) => this.client.delete(`/v1/subscriptions/${id}`)));
    await Promise.all(ids.map((id) => this.inView(id, false)));
  }

  async inView(id: string, present: boolean): Promise<void> {
    await pollUntil(`subscription ${id} ${present ? 'is' : 'is not'} in the delivery-service view`, async () => {
      const view = (await (await this.delivery.asOperator('/v1/subscription-view')).json()) as { items: { id: string }[] };
      return view.items.some((item) => item.id === id) === present;
    });
  }

  /** A CloudEvent of this tenant, published straight to `hookbus.events.v1`. */
  async publishEvent(type: string, data: unknown, overrides: Record<string, unknown> = {}): Promise<Json> {
    const event = { specversion: '1.0', id: randomUUID(), source: 'urn:hookbus:test', type, time: new Date().toISOString(), subject: `s-${randomUUID().slice(0, 8)}`, tenantid: this.tenantId, data, ...overrides };
    await this.bus.publish(Topics.events.name, [{ key: eventKey(this.tenantId, event.subject), value: JSON.stringify(event) }]);
    return event;
  }

  /** Resolves once delivery-service has handled (committed) every event published so far. */
  async eventsHandled(): Promise<void> {
    const end = await this.bus.endOffsets(Topics.events.name);
    await pollUntil('delivery-service handled every event published so far', async () => {
      const committed = await this.bus.committedOffsets(this.deliveryGroup, Topics.events.name);
      return [...end].every(([partition, offset]) => offset === 0n || (committed.get(partition) ?? -1n) >= offset);
    });
  }

  /** The parsed records of `messages` about an event, once `count` of them arrived. */
  async records(messages: ConsumedMessage[], eventId: string, count = 1, timeoutMs?: number): Promise<Json[]> {
    const of = () => messages.map((message) => JSON.parse(message.value?.toString('utf8') ?? 'null')).filter((record) => record?.eventId === eventId);
    return pollUntil(`${count} record(s) about event ${eventId}`, () => of().length >= count && of(), { timeoutMs });
  }

  parsed(messages: ConsumedMessage[], eventId: string): Json[] {
    return messages.map((message) => JSON.parse(message.value?.toString('utf8') ?? 'null')).filter((record) => record?.eventId === eventId);
  }

  async stop(): Promise<void> {
    await Promise.all(this.running.map((service) => service.stop()));
    await Promise.all([this.receiver, ...this.retired].map((receiver) => receiver.stop()));
    await this.bus.disconnect();
    await this.database.drop();
  }
}
