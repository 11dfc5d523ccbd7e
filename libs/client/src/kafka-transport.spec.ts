import type { Producer, ProducerRecord } from 'kafkajs';
import { HookbusError } from './client-errors';
import { HookbusClient } from './hookbus-client';
import { KafkaTransport } from './kafka-transport';

/** Records what would go to the broker; the real broker is test/e2e/client.e2e-spec.ts's. */
function recordingProducer(fail?: Error) {
  const records: ProducerRecord[] = [];
  const producer = { send: async (record: ProducerRecord) => (fail ? Promise.reject(fail) : void records.push(record)), disconnect: jest.fn() };
  return { records, producer: producer as unknown as Producer & { disconnect: jest.Mock } };
}

describe('KafkaTransport', () => {
  it('writes structured CloudEvents of its tenant to the prefixed events topic, keyed and headed as ingest-service writes them, acks=all', async () => {
    const { records, producer } = recordingProducer();
    const client = new HookbusClient({ source: 'urn:orders', transport: new KafkaTransport({ producer, tenantId: 'tnt_a', topicPrefix: 'staging.' }) });

    const event = await client.publish({ type: 'order.cancelled', subject: 'order-9', data: { companyId: 1, orderId: 9 } });

    expect(records).toEqual([
      {
        topic: 'staging.hookbus.events.v1',
        acks: -1,
        messages: [{ key: 'tnt_a:order-9', value: JSON.stringify(event), headers: { 'content-type': 'application/cloudevents+json', ce_id: event.id, ce_type: 'order.cancelled' } }],
      },
    ]);
    expect(event).toMatchObject({ tenantid: 'tnt_a', source: 'urn:orders' });
  });

  it("carries the producer's trace context in the event and as W3C trace-context headers, as ingest-service does; refuses a malformed one", async () => {
    const { records, producer } = recordingProducer();
    const client = new HookbusClient({ source: 'urn:orders', transport: new KafkaTransport({ producer, tenantId: 'tnt_a' }) });
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

    const event = await client.publish({ type: 'order.cancelled', subject: 'order-9', data: { companyId: 1, orderId: 9 }, traceparent, tracestate: 'shop=1' });

    expect(event).toMatchObject({ traceparent, tracestate: 'shop=1' });
    expect(records[0].messages[0].headers).toEqual({ 'content-type': 'application/cloudevents+json', ce_id: event.id, ce_type: 'order.cancelled', traceparent, tracestate: 'shop=1' });
    await expect(client.publish({ type: 'order.cancelled', subject: 'order-9', data: { companyId: 1, orderId: 9 }, traceparent: '00-abc' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ field: 'traceparent', rule: 'invalid_format' })],
    });
    expect(records).toHaveLength(1);
  });

  it('checks the tenant it is given against the contract', async () => {
    const { records, producer } = recordingProducer();
    const client = new HookbusClient({ source: 'urn:orders', transport: new KafkaTransport({ producer, tenantId: '' }) });

    await expect(client.publish({ type: 'order.closed', subject: 'o', data: { orderId: 1, orderDetailsData: { orderType: 'SALE', orderState: 'CLOSED', operationDatas: [] } } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ field: 'tenantid', rule: 'too_small' })],
    });
    expect(records).toEqual([]);
  });

  it("leaves the caller's producer open, and reports a failed send as a HookbusError with the events unconfirmed", async () => {
    const { producer } = recordingProducer(new Error('KafkaJSNumberOfRetriesExceeded'));
    const client = new HookbusClient({ source: 'urn:orders', transport: new KafkaTransport({ producer, tenantId: 'tnt_a' }) });

    const error = await client.publish({ type: 'order.completed', subject: 'o-1', data: {} }).catch((caught: unknown) => caught);
    await client.close();

    expect(error).toBeInstanceOf(HookbusError);
    expect(error).toMatchObject({ message: 'publishing failed: KafkaJSNumberOfRetriesExceeded', unconfirmed: [expect.objectContaining({ subject: 'o-1' })] });
    expect(producer.disconnect).not.toHaveBeenCalled();
  });
});
