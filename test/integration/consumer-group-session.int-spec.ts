import { Topics } from '@hookbus/contracts';
import { KafkaBus } from '@hookbus/kafka';
import { pollUntil, testBrokers, uniqueGroup, uniquePrefix } from '@hookbus/testing';

const topic = Topics.events.name;
// The broker's least session timeout, so that a missed heartbeat shows quickly.
const SESSION_MS = 6_000;
const sum = (offsets: Map<number, bigint>) => [...offsets.values()].reduce((total, offset) => total + (offset > 0n ? offset : 0n), 0n);

async function groupBus(prefix: string): Promise<{ bus: KafkaBus; joins: string[] }> {
  const bus = new KafkaBus({ brokers: testBrokers(), clientId: 'hookbus-test', topicPrefix: prefix, sessionTimeoutMs: SESSION_MS, heartbeatIntervalMs: 500 });
  await bus.ensureTopics();
  const joins: string[] = [];
  bus.onGroupJoin((group) => joins.push(group));
  return { bus, joins };
}

describe('consumer group sessions (real broker)', () => {
  const buses: KafkaBus[] = [];

  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.disconnect()));
  });

  it('keeps its session while every slot is held longer than the session timeout: no rebalance, no redelivery', async () => {
    const { bus, joins } = await groupBus(uniquePrefix('session'));
    buses.push(bus);
    const groupId = uniqueGroup('busy');
    const handled: string[] = [];
    // A fresh group may rejoin while its new topics settle; what counts is no join once work began.
    let joinsAtWork = -1;
    // A receiver slower than the session timeout, with the next message waiting for the only slot.
    await bus.consume({
      groupId,
      topics: [topic],
      maxInFlight: 1,
      handle: async (message) => {
        const value = message.value?.toString() ?? '';
        if (joinsAtWork < 0) joinsAtWork = joins.length;
        if (value === 'slow') await new Promise((resolve) => setTimeout(resolve, SESSION_MS * 1.5));
        handled.push(value);
      },
    });
    await pollUntil('the consumer has joined its group', () => joins.length > 0);

    await bus.publish(topic, [{ key: 'tenant:order-slow', value: 'slow' }, { key: 'tenant:order-slow', value: 'next' }]);
    await pollUntil('both offsets are committed', async () => sum(await bus.committedOffsets(groupId, topic)) === 2n, { timeoutMs: 40_000 });
    expect(handled).toEqual(['slow', 'next']);
    expect(joins).toHaveLength(joinsAtWork);
    expect(new Set(joins)).toEqual(new Set([groupId]));
  });

  it('counts a join of each member at every rebalance', async () => {
    const prefix = uniquePrefix('joins');
    const groupId = uniqueGroup('pair');
    const first = await groupBus(prefix);
    const second = await groupBus(prefix);
    buses.push(first.bus, second.bus);
    const consume = (bus: KafkaBus) => bus.consume({ groupId, topics: [topic], handle: async () => undefined });

    await consume(first.bus);
    await pollUntil('the first member has joined', () => first.joins.length > 0);
    const before = first.joins.length;
    await consume(second.bus);
    // The second member's arrival makes the first one join again.
    await pollUntil('both members joined the new generation', () => first.joins.length > before && second.joins.length > 0, { timeoutMs: 30_000 });
    expect(new Set([...first.joins, ...second.joins])).toEqual(new Set([groupId]));
  });
});
