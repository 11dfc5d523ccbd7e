import { type GroupLag, KafkaBus } from '@hookbus/kafka';

/** Every consumer group of the run with what it has yet to read, per topic (for the diagnostics). */
export async function groupLag(brokers: string, topicPrefix: string): Promise<GroupLag[]> {
  const bus = new KafkaBus({ brokers: [brokers], clientId: 'hookbus-chaos', topicPrefix });
  try {
    return await bus.consumerLag(topicPrefix);
  } finally {
    await bus.disconnect();
  }
}
