import type { Kafka } from 'kafkajs';
import { groupConsumer } from './group-consumer';

// A kafkajs client that records the consumer config it is given and lets the test emit GROUP_JOIN.
function fakeKafka() {
  const listeners = new Map<string, () => void>();
  const consumer = { events: { GROUP_JOIN: 'consumer.group_join' }, on: (event: string, listener: () => void) => listeners.set(event, listener) };
  const kafka = { consumer: jest.fn(() => consumer) };
  return { kafka: kafka as unknown as Kafka & typeof kafka, join: () => listeners.get('consumer.group_join')?.() };
}

const bus = { brokers: ['127.0.0.1:9092'], clientId: 'test' };
const options = { groupId: 'hookbus-delivery-service', topics: ['hookbus.events.v1'], handle: async () => undefined };

describe('groupConsumer', () => {
  it("gives kafkajs the bus's session timeout and heartbeat interval", () => {
    const { kafka } = fakeKafka();
    groupConsumer(kafka, { ...bus, sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000 }, options, 'p.hookbus-delivery-service', () => undefined);

    expect(kafka.consumer).toHaveBeenCalledWith(
      expect.objectContaining({ groupId: 'p.hookbus-delivery-service', sessionTimeout: 10_000, heartbeatInterval: 1_000, allowAutoTopicCreation: false }),
    );
  });

  it("leaves kafkajs's defaults when the bus sets none", () => {
    const { kafka } = fakeKafka();
    groupConsumer(kafka, bus, options, 'hookbus-delivery-service', () => undefined);

    expect(kafka.consumer).toHaveBeenCalledWith(expect.objectContaining({ sessionTimeout: undefined, heartbeatInterval: undefined }));
  });

  it('tells each join of the group, by the group id the service gave', () => {
    const { kafka, join } = fakeKafka();
    const joins: string[] = [];
    groupConsumer(kafka, bus, options, 'p.hookbus-delivery-service', (group) => joins.push(group));

    join();
    join();
    expect(joins).toEqual(['hookbus-delivery-service', 'hookbus-delivery-service']);
  });
});
