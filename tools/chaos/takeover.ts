import { pollUntil } from '@hookbus/testing';
import { Kafka, logLevel } from 'kafkajs';

/**
 * How long a crashed member's partitions wait: from the crash until each of `groupIds` is stable
 * again without one of the members it had before (kafkajs has no static membership, so the group
 * first waits out the dead member's session). `start` is called just before the crash.
 */
export class Takeover {
  private constructor(
    private readonly kafka: Kafka,
    private readonly membersBefore: ReadonlyMap<string, ReadonlySet<string>>,
    private readonly crashedAt: number,
  ) {}

  static async start(brokers: string, groupIds: readonly string[]): Promise<Takeover> {
    const kafka = new Kafka({ clientId: 'hookbus-chaos', brokers: [brokers], logLevel: logLevel.NOTHING });
    const groups = await describe(kafka, groupIds);
    return new Takeover(kafka, new Map(groups.map(({ groupId, members }) => [groupId, new Set(members)])), Date.now());
  }

  /** Seconds from the crash until every group handed the dead member's partitions on. */
  async waited(timeoutMs: number): Promise<number> {
    await pollUntil('the partitions of the crashed member are taken over', async () => {
      const groups = await describe(this.kafka, [...this.membersBefore.keys()]).catch(() => []);
      return groups.length === this.membersBefore.size && groups.every(({ groupId, state, members }) =>
        state === 'Stable' && [...(this.membersBefore.get(groupId) ?? [])].some((member) => !members.includes(member)));
    }, { timeoutMs, intervalMs: 100 });
    return (Date.now() - this.crashedAt) / 1000;
  }
}

async function describe(kafka: Kafka, groupIds: readonly string[]): Promise<{ groupId: string; state: string; members: string[] }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([...groupIds]);
    return groups.map(({ groupId, state, members }) => ({ groupId, state, members: members.map(({ memberId }) => memberId) }));
  } finally {
    await admin.disconnect();
  }
}
