import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { HookbusClient, IngestTransport, KafkaTransport, RefusedError } from '@hookbus/client';
import { eventKey, Topics } from '@hookbus/contracts';
import type { ConsumedMessage, KafkaBus } from '@hookbus/kafka';
import { collect, pollUntil, testBrokers, testBus, uniquePrefix } from '@hookbus/testing';
import { publishApiKey } from '../support/producer-keys';
import { ServiceProcess } from '../support/service-process';

/**
 * @hookbus/client's two paths against a real broker and a real ingest-service: an event published
 * straight to Kafka is the record ingest-service would have written for it.
 */
describe('@hookbus/client over HTTP and straight to Kafka (real broker, real ingest-service)', () => {
  const prefix = uniquePrefix('client');
  const tenantId = 'tnt_client';
  let bus: KafkaBus;
  let ingest: ServiceProcess;
  let records: ConsumedMessage[];
  let ownProducer: Producer;
  let overHttp: HookbusClient;
  let toKafka: HookbusClient;
  let toKafkaWithOwnProducer: HookbusClient;

  beforeAll(async () => {
    bus = await testBus(prefix);
    const key = await publishApiKey(bus, tenantId);
    ingest = await ServiceProcess.spawn('ingest-service', { KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn' }).then((service) => service.ready());
    records = await collect(bus, Topics.events.name);
    overHttp = new HookbusClient({ source: 'urn:shop', transport: new IngestTransport({ url: ingest.url, key }) });
    toKafka = new HookbusClient({ source: 'urn:shop', transport: new KafkaTransport({ brokers: testBrokers(), topicPrefix: prefix, tenantId }) });
    // A producer of the caller's own, with kafkajs's default partitioner.
    ownProducer = new Kafka({ brokers: testBrokers(), clientId: 'client-e2e', logLevel: logLevel.NOTHING }).producer();
    await ownProducer.connect();
    toKafkaWithOwnProducer = new HookbusClient({ source: 'urn:shop', transport: new KafkaTransport({ producer: ownProducer, topicPrefix: prefix, tenantId }) });
  });

  afterAll(async () => {
    await Promise.all([overHttp, toKafka, toKafkaWithOwnProducer].map((client) => client?.close()));
    await ownProducer?.disconnect();
    await ingest?.stop();
    await bus?.disconnect();
  });

  const json = (record: ConsumedMessage) => JSON.parse(record.value?.toString('utf8') ?? 'null');
  const recordOf = (id: string) => pollUntil(`event ${id} is on the topic`, () => records.find((record) => record.headers.ce_id === id));

  it("puts each subject's events on the partition, with the key, headers and JSON, that ingest-service gives them", async () => {
    // Several subjects: a partitioner that differed would agree on all of them by chance once in 12^6.
    const subjects = Array.from({ length: 6 }, () => `order-${randomUUID().slice(0, 8)}`);
    for (const subject of subjects) {
      const data = { companyId: 6316, orderId: 6908 };
      const published = [
        await overHttp.publish({ type: 'order.confirmed', subject, data }),
        await toKafka.publish({ type: 'order.confirmed', subject, data }),
        await toKafkaWithOwnProducer.publish({ type: 'order.cancelled', subject, data }),
      ];
      const [viaIngest, direct, directOwn] = await Promise.all(published.map(({ id }) => recordOf(id)));

      expect(viaIngest.key).toBe(eventKey(tenantId, subject));
      expect(json(viaIngest)).toEqual({ ...published[0], tenantid: tenantId });
      for (const [record, event] of [[direct, published[1]], [directOwn, published[2]]] as const) {
        expect({ key: record.key, partition: record.partition }).toEqual({ key: viaIngest.key, partition: viaIngest.partition });
        expect(record.headers).toEqual({ ...viaIngest.headers, ce_id: event.id, ce_type: event.type });
        expect(json(record)).toEqual({ ...event, tenantid: tenantId });
        // The same fields in the same order as ingest-service writes them.
        expect(Object.keys(json(record))).toEqual(Object.keys(json(viaIngest)));
      }
    }
  });

  it('publishes a batch of mixed types through ingest-service, and each event arrives once', async () => {
    const events = await overHttp.publishBatch([
      { type: 'order.confirmed', subject: 'order-b1', data: { companyId: 1, orderId: 1 } },
      { type: 'shipment.status_changed', subject: 'KOM-1', data: { orderNo: 'KOM-1', awb: 'JNE1', status: 'Dikirim' } },
      { type: 'refund.applied', subject: 'refund-1', data: { amount: 12.5 } },
    ]);

    const arrived = await Promise.all(events.map(({ id }) => recordOf(id)));
    expect(arrived.map((record) => json(record).type)).toEqual(['order.confirmed', 'shipment.status_changed', 'refund.applied']);
    expect(records.filter((record) => events.some(({ id }) => id === record.headers.ce_id))).toHaveLength(3);
  });

  it("throws ingest-service's refusal with its status and problem, and does not retry it", async () => {
    const stranger = new HookbusClient({ source: 'urn:shop', transport: new IngestTransport({ url: ingest.url, key: 'hbk_key_0000000000000000.not-a-key' }) });

    const error = await stranger.publish({ type: 'order.completed', subject: 's', data: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RefusedError);
    expect(error).toMatchObject({ status: 401, problem: { title: 'Unauthorized' } });
  });
});
