// The delivery log writer's CPU per record: attempt records published to `hookbus.deliveries.log.v1`
// as delivery-service would (key: the delivery id), written by the running config-service; its CPU
// seconds from the first record published to the last one stored, over the records.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createdAtOf, isMeasured, measuredSubscriptionOf } from './delivery-log-shape.mjs';

const require = createRequire(import.meta.url);
const TOPIC = 'hookbus.deliveries.log.v1';
const contracts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/libs/contracts/src/index.js');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Attempt records of `deliveries` new deliveries of the measured tenant (1–3 attempts, as loaded). */
function recordsOf(phase, deliveries, tenantId, shape) {
  // config-service refuses a delivery id not derived from the event and subscription.
  const { deliveryId: deliveryIdOf } = require(contracts);
  const records = [];
  for (let n = 0; n < deliveries; n += 1) {
    const i = (n + 1) * 5;
    const eventId = `evt_w${phase}_${String(n).padStart(8, '0')}`;
    const subscriptionId = measuredSubscriptionOf(isMeasured(i) ? i : 5);
    const deliveryId = deliveryIdOf(eventId, subscriptionId);
    const attempts = n % 10 === 9 ? 2 : n % 50 === 49 ? 3 : 1;
    const at = createdAtOf(i, shape).getTime();
    const body = JSON.stringify({ orderId: `W${n}`, status: 'COMPLETED', lines: Array.from({ length: 1 + (n % 6) }, () => ({ sku: `SKU-${n % 9000}`, name: 'Adult ticket, category 2', qty: 2, unitPrice: '48.50' })) });
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const last = attempt === attempts;
      records.push({
        deliveryId,
        eventId,
        subscriptionId,
        tenantId,
        subject: `ORD-W${Math.floor(n / 3)}`,
        plugin: 'komerce',
        hook: 'order',
        attempt,
        at: new Date(at + (attempt - 1) * 60_000).toISOString(),
        request: { method: 'POST', url: 'https://erp.example.test/hooks/orders', headers: { 'content-type': 'application/json', 'webhook-id': deliveryId, 'webhook-signature': 'v1,********' }, body },
        response: last ? { status: 200, body: '{"ok":true}' } : { status: 503, body: '<html><body><h1>Service Unavailable</h1></body></html>' },
        durationMs: 20 + (n % 180),
        ...(last ? {} : { error: 'HTTP 503', dueAt: new Date(at + attempt * 60_000).toISOString() }),
        outcome: last ? 'delivered' : 'retrying',
        endpoint: { concurrency: 8, circuit: 'closed' },
      });
    }
  }
  return records;
}

/**
 * Publishes the records of `deliveries` deliveries (after a warm-up of a tenth as many, so JIT and
 * connections are settled), waits until config-service stored them all, and returns
 * `{ records, cpuSeconds, microsPerRecord }`.
 */
export async function measureWriterCpu({ kafka, topicPrefix, service, database, tenantId, shape, deliveries, phase }) {
  const { Kafka, logLevel } = require('kafkajs');
  const client = new Kafka({ clientId: 'delivery-log-bench', brokers: kafka.brokers.split(','), logLevel: logLevel.NOTHING });
  const producer = client.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await writeAll(`${phase}x`, Math.max(50, Math.floor(deliveries / 10)));
    const before = service.cpuSeconds();
    const records = await writeAll(phase, deliveries);
    const after = service.cpuSeconds();
    const [user, system] = [after.user - before.user, after.system - before.system];
    // System time apart: reading pages the database's cache no longer holds shows there.
    return { records, cpuSeconds: user + system, microsPerRecord: ((user + system) / records) * 1e6, systemMicrosPerRecord: (system / records) * 1e6 };
  } finally {
    await producer.disconnect();
  }

  async function writeAll(marker, count) {
    const records = recordsOf(marker, count, tenantId, shape);
    for (let from = 0; from < records.length; from += 1_000) {
      const messages = records.slice(from, from + 1_000).map((record) => ({ key: record.deliveryId, value: JSON.stringify(record) }));
      await producer.send({ topic: `${topicPrefix}${TOPIC}`, acks: -1, messages });
    }
    const stored = 'select count(*) from delivery_attempts a join deliveries d on d.id = a.delivery_id where d.tenant_id = ? and d.event_id >= ? and d.event_id < ?';
    const range = [tenantId, `evt_w${marker}_`, `evt_w${marker}_~`];
    const deadline = Date.now() + 120_000;
    for (let count = 0; (count = await database.count(stored, range)) < records.length; ) {
      if (Date.now() > deadline) throw new Error(`config-service stored ${count} of ${records.length} attempt records within 120 s`);
      await sleep(50);
    }
    return records.length;
  }
}

/** Deletes the run's topics (config-service created them under `topicPrefix` at boot). */
export async function deleteTopics(kafka, topicPrefix) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ clientId: 'delivery-log-bench', brokers: kafka.brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
