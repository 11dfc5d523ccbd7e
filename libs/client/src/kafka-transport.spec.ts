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
