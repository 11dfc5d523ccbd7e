import type { Admin } from 'kafkajs';
import type { TopicSpec } from '@hookbus/contracts';
import { type GroupLag, messageCount, type TopicMessageCount, topicLag } from './consumer-lag';
import type { OffsetRange } from './offset-range-reader';
import { ensureTopics } from './topic-bootstrap';

/**
 * The admin half of KafkaBus: what it asks the cluster about topics, offsets and consumer groups,
 * never a message. The bus connects the client first and documents each question; this keeps the
 * kafkajs admin calls and their translation out of the message path.
 */
export class KafkaBusAdmin {
  constructor(
    private readonly admin: Admin,
    private readonly topicName: (name: string) => string,
  ) {}

  ensureTopics(specs: readonly TopicSpec[], replicationFactor: number): Promise<string[]> {
    return ensureTopics(this.admin, specs, this.topicName, replicationFactor);
  }

  async committedOffsets(groupId: string, topic: string): Promise<Map<number, bigint>> {
    const [committed] = await this.admin.fetchOffsets({ groupId: this.topicName(groupId), topics: [this.topicName(topic)] });
    return new Map(committed?.partitions.map(({ partition, offset }) => [partition, BigInt(offset)]) ?? []);
  }

  async endOffsets(topic: string): Promise<Map<number, bigint>> {
    const offsets = await this.admin.fetchTopicOffsets(this.topicName(topic));
    return new Map(offsets.map(({ partition, offset }) => [partition, BigInt(offset)]));
  }

  /** Each partition's offsets of records written in `[since, until)`; without a bound, from the first record retention holds or to the end. */
  async offsetWindow(topic: string, since?: Date, until?: Date): Promise<OffsetRange[]> {
    const name = this.topicName(topic);
    const at = async (instant: Date | undefined) =>
      instant ? new Map((await this.admin.fetchTopicOffsetsByTimestamp(name, instant.getTime())).map(({ partition, offset }) => [partition, BigInt(offset)])) : undefined;
    const [marks, starts, ends] = await Promise.all([this.watermarks(name), at(since), at(until)]);
    return marks.map(({ partition, low, high }) => ({ partition, start: starts?.get(partition) ?? low, end: ends?.get(partition) ?? high }));
  }

  async consumerLag(groupIdPrefix: string): Promise<GroupLag[]> {
    const wanted = this.topicName(groupIdPrefix);
    const [{ groups }, topics] = await Promise.all([this.admin.listGroups(), this.admin.listTopics()]);
    const existing = new Set(topics);
    const groupIds = groups.map(({ groupId }) => groupId).filter((groupId) => groupId.startsWith(wanted)).sort();
    // No topic list: the broker answers with every topic the group committed on.
    const committed = await Promise.all(
      groupIds.map(async (groupId) => ({ groupId, topics: (await this.admin.fetchOffsets({ groupId })).filter(({ topic }) => existing.has(topic)) })),
    );
    const topicsInUse = [...new Set(committed.flatMap((group) => group.topics.map(({ topic }) => topic)))];
    const watermarks = new Map(await Promise.all(topicsInUse.map(async (topic) => [topic, await this.watermarks(topic)] as const)));
    return committed.map((group) => ({
      groupId: group.groupId,
      topics: group.topics
        .map(({ topic, partitions }) => {
          // -1: no offset committed on that partition.
          const offsets = new Map(partitions.filter(({ offset }) => Number(offset) >= 0).map(({ partition, offset }) => [partition, BigInt(offset)]));
          const marks = watermarks.get(topic) ?? [];
          return { topic, lag: topicLag(marks.map((mark) => ({ ...mark, committed: offsets.get(mark.partition) }))) };
        })
        .sort((a, b) => a.topic.localeCompare(b.topic)),
    }));
  }

  async topicMessageCounts(topics: readonly string[]): Promise<TopicMessageCount[]> {
    const existing = new Set(await this.admin.listTopics());
    return Promise.all(
      topics.map(this.topicName).map(async (topic) => ({
        topic,
        messages: existing.has(topic) ? messageCount(await this.watermarks(topic)) : 0,
      })),
    );
  }

  async ping(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Kafka did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.admin.describeCluster(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async watermarks(topic: string): Promise<{ partition: number; low: bigint; high: bigint }[]> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return offsets.map(({ partition, low, high }) => ({ partition, low: BigInt(low), high: BigInt(high) }));
  }
}
