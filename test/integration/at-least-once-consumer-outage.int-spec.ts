import { Topics } from '@hookbus/contracts';
import { collect, pollUntil, testBus, uniqueGroup } from '@hookbus/testing';
import type { KafkaBus } from '@hookbus/kafka';
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';

const topic = Topics.events.name;

describe('AtLeastOnceConsumer through an outage (real broker)', () => {
  let bus: KafkaBus;

  beforeEach(async () => {
    bus = await testBus();
  });

  afterEach(async () => {
    await bus.disconnect();
  });

  it('holds a message while a probed dependency is down, far beyond maxAttempts, reports it, then handles it', async () => {
    const quarantined = await collect(bus, Topics.quarantine.name);
    let databaseUp = false;
    let calls = 0;
    const handled: string[] = [];
    await bus.consume({
      groupId: uniqueGroup(),
      topics: [topic],
      maxAttempts: 2,
      retryDelayMs: 10,
      probes: [{ name: 'database', check: async () => { if (!databaseUp) throw new Error('no answer within 3000 ms'); } }],
      handle: async (message) => {
        calls += 1;
        if (!databaseUp) throw new Error('the ORM gave up');
        handled.push(message.value?.toString() ?? '');
      },
    });

    await bus.publish(topic, [{ key: 'tenant:order-outage', value: 'held' }]);
    await pollUntil('four times maxAttempts failed during the outage', () => calls >= 8, { timeoutMs: 20_000 });
    expect(bus.consumerOutages()).toEqual(['database unreachable: Error: no answer within 3000 ms']);
    expect(quarantined).toHaveLength(0);

    databaseUp = true;
    await pollUntil('the held message is handled', () => handled.includes('held'), { timeoutMs: 20_000 });
    expect(bus.consumerOutages()).toEqual([]);
    expect(quarantined).toHaveLength(0);
  }, 60_000);

  it('does not quarantine a message whose publishes fail with broker errors (a leader election)', async () => {
    const quarantined = await collect(bus, Topics.quarantine.name);
    let failures = 0;
    const handled: string[] = [];
    await bus.consume({
      groupId: uniqueGroup(),
      topics: [topic],
      maxAttempts: 3,
      retryDelayMs: 10,
      handle: async (message) => {
        // What KafkaBus.publish throws once kafkajs has given up on a leaderless partition.
        if (failures < 6) {
          failures += 1;
          throw new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED'), { retryCount: 5, retryTime: 300 });
        }
        handled.push(message.value?.toString() ?? '');
      },
    });

    await bus.publish(topic, [{ key: 'tenant:order-election', value: 'published later' }]);
    await pollUntil('the message is handled once the broker takes it', () => handled.includes('published later'), { timeoutMs: 30_000 });
    expect(failures).toBe(6);
    expect(quarantined).toHaveLength(0);
  }, 60_000);
});
