import type { Admin } from 'kafkajs';
import type { TopicSpec } from '@hookbus/contracts';

const ATTEMPTS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the missing topics with their partitions and configs, and waits until every topic has
 * leaders. Existing topics are left alone, so every service runs it at start; when several race,
 * the losers see transient "unknown topic" answers and simply look again.
 */
export async function ensureTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
  topicName: (name: string) => string,
  replicationFactor: number,
): Promise<string[]> {
  const created: string[] = [];
  for (let attempt = 1; ; attempt += 1) {
    try {
      const existing = new Set(await admin.listTopics());
      const missing = specs.filter((spec) => !existing.has(topicName(spec.name)));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((spec) => ({
            topic: topicName(spec.name),
            numPartitions: spec.partitions,
            replicationFactor,
            configEntries: Object.entries(spec.config).map(([name, value]) => ({ name, value })),
          })),
        });
        created.push(...missing.map((spec) => topicName(spec.name)));
      }
      await admin.fetchTopicMetadata({ topics: specs.map((spec) => topicName(spec.name)) });
      return created;
    } catch (error) {
      if (attempt === ATTEMPTS) throw error;
      await sleep(200 * attempt);
    }
  }
}
