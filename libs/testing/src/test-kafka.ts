import { randomBytes } from 'node:crypto';
import { type ConsumedMessage, KafkaBus } from '@hookbus/kafka';

/**
 * The broker of the test run. `npm test` starts a local Apache Kafka (or uses KAFKA_BROKERS) and
 * exports its address; integration tests never fall back to a fake.
 */
export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run integration tests through `npm test`, which starts Kafka');
  return brokers.split(',');
}

/** A fresh namespace, so each test's topics and consumer groups are its own. */
export const uniquePrefix = (label = 'test'): string => `${label}.${randomBytes(4).toString('hex')}.`;

export const uniqueGroup = (label = 'group'): string => `${label}-${randomBytes(4).toString('hex')}`;

/** A KafkaBus on the test broker under a unique topic prefix, with the contract topics created. */
export async function testBus(topicPrefix = uniquePrefix()): Promise<KafkaBus> {
  const bus = new KafkaBus({ brokers: testBrokers(), clientId: 'hookbus-test', topicPrefix });
  await bus.ensureTopics();
  return bus;
}

/** Collects everything published to a topic from the earliest offset, in a consumer group of its own. */
export async function collect(bus: KafkaBus, topic: string): Promise<ConsumedMessage[]> {
  const messages: ConsumedMessage[] = [];
  await bus.consume({ groupId: uniqueGroup('collector'), topics: [topic], handle: async (message) => void messages.push(message) });
  return messages;
}
