// Baseline: the minimal pipeline hookbus is measured against. One kafkajs consumer reads the events
// topic, POSTs each event's data with undici to its subscription's endpoint, and lets kafkajs commit.
// Partitions are consumed concurrently (as many as Kafka's per-key order allows), nothing else:
// no rendering, signing, classification, logging or retry path. Runs until told to stop.
import { Kafka, logLevel } from 'kafkajs';
import { Agent, request } from 'undici';

const [brokers, topic, groupId, endpointsJson] = process.argv.slice(2);
/** tenant id → endpoint URL */
const endpoints = new Map(Object.entries(JSON.parse(endpointsJson)));
const dispatcher = new Agent({ connections: 64 });
const kafka = new Kafka({ clientId: 'hookbus-bench-baseline', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const consumer = kafka.consumer({ groupId });

await consumer.connect();
await consumer.subscribe({ topics: [topic], fromBeginning: true });
await consumer.run({
  partitionsConsumedConcurrently: 12,
  eachMessage: async ({ message }) => {
    const event = JSON.parse(message.value.toString('utf8'));
    const url = endpoints.get(event.tenantid);
    if (!url) return;
    const response = await request(url.replace('${orderId}', String(event.data.orderId)), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event.data),
      dispatcher,
    });
    await response.body.text();
  },
});
process.send?.({ type: 'running' });
process.on('message', async (message) => {
  if (message.type !== 'stop') return;
  await consumer.disconnect();
  await dispatcher.close();
  process.exit(0);
});
