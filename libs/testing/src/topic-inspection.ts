import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { testBrokers } from './test-kafka';

/** Partition count and configs of a physical topic, read with the admin API (test inspection only). */
export async function inspectTopic(topic: string): Promise<{ partitions: number; config: Record<string, string> }> {
  const admin = new Kafka({ brokers: testBrokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
    });
    const config = Object.fromEntries(resources[0].configEntries.map(({ configName, configValue }) => [configName, configValue]));
    return { partitions: topics[0].partitions.length, config };
  } finally {
    await admin.disconnect();
  }
}
