import { pollUntil } from '@hookbus/testing';
import { type Admin, Kafka, logLevel } from 'kafkajs';

/**
 * How long a crashed member's partitions wait: from the crash until each of `groupIds` is stable
 * again without one of the members it had before (kafkajs has no static membership, so the group
 * first waits out the dead member's session). `start` is called just before the crash.
 */
export class Takeover {
  private constructor(
    private readonly admin: Admin,
    private readonly membersBefore: ReadonlyMap<string, ReadonlySet<string>>,
    private readonly crashedAt: number,
  ) {}

  static async start(brokers: string, groupIds: readonly string[]): Promise<Takeover> {
    const admin = new Kafka({ clientId: 'hookbus-chaos', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const groups = await describe(admin, groupIds);
    return new Takeover(admin, new Map(groups.map(({ groupId, members }) => [groupId, new Set(members)])), Date.now());
  }

  /** Seconds from the crash until every group handed the dead member's partitions on. */
  async waited(timeoutMs: number): Promise<number> {
    try {
      await pollUntil('the partitions of the crashed member are taken over', async () => {
        const groups = await describe(this.admin, [...this.membersBefore.keys()]).catch(() => []);
        return groups.length === this.membersBefore.size && groups.every(({ groupId, state, members }) =>
          state === 'Stable' && [...(this.membersBefore.get(groupId) ?? [])].some((member) => !members.includes(member)));
      }, { timeoutMs, intervalMs: 100 });
      return (Date.now() - this.crashedAt) / 1000;
    } finally {
      await this.admin.disconnect();
    }
  }
}

async function describe(admin: Admin, groupIds: readonly string[]): Promise<{ groupId: string; state: string; members: string[] }[]> {
  const { groups } = await admin.describeGroups([...groupIds]);
  return groups.map(({ groupId, state, members }) => ({ groupId, state, members: members.map(({ memberId }) => memberId) }));
}
