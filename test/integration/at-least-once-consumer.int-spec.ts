import { Topics } from '@hookbus/contracts';
import { collect, pollUntil, testBus, uniqueGroup } from '@hookbus/testing';
import { type ConsumedMessage, type KafkaBus, MalformedMessageError, QuarantineHeaders } from '@hookbus/kafka';

const topic = Topics.events.name;
const sum = (offsets: Map<number, bigint>) => [...offsets.values()].reduce((total, offset) => total + (offset > 0n ? offset : 0n), 0n);

describe('AtLeastOnceConsumer on a real broker', () => {
  let bus: KafkaBus;

  beforeEach(async () => {
    bus = await testBus();
  });

  afterEach(async () => {
    await bus.disconnect();
  });

  it('commits an offset only after the handler has finished', async () => {
    const groupId = uniqueGroup();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const started: ConsumedMessage[] = [];
    await bus.consume({ groupId, topics: [topic], handle: async (message) => { started.push(message); await gate; } });

    await bus.publish(topic, [{ key: 'tenant:order-1', value: 'first' }]);
    await pollUntil('the handler has started', () => started.length === 1);
    expect(sum(await bus.committedOffsets(groupId, topic))).toBe(0n);

    release();
    await pollUntil('the offset after the message is committed', async () => sum(await bus.committedOffsets(groupId, topic)) === 1n);
  });

  it('quarantines a message that keeps failing after the bounded retries and moves on to the next', async () => {
    const quarantined = await collect(bus, Topics.quarantine.name);
    const attempts: string[] = [];
    const handled: string[] = [];
    await bus.consume({
      groupId: uniqueGroup(),
      topics: [topic],
      maxAttempts: 3,
      retryDelayMs: 10,
      handle: async (message) => {
        const value = message.value?.toString();
        attempts.push(value ?? '');
        if (value === 'poison') throw new Error('receiver exploded');
        handled.push(value ?? '');
      },
    });

    // Same key, same partition: the good message waits behind the poison one.
    await bus.publish(topic, [
      { key: 'tenant:order-2', value: 'poison', headers: { origin: 'test' } },
      { key: 'tenant:order-2', value: 'good' },
    ]);

    await pollUntil('the good message is handled', () => handled.includes('good'));
    const [message] = await pollUntil('the poison message is quarantined', () => quarantined.length === 1 && quarantined);
    expect(attempts.filter((value) => value === 'poison')).toHaveLength(3);
    expect(message.value?.toString()).toBe('poison');
    expect(message.key).toBe('tenant:order-2');
    expect(message.headers).toMatchObject({
      origin: 'test',
      [QuarantineHeaders.reason]: 'Error: receiver exploded',
      [QuarantineHeaders.attempts]: '3',
      [QuarantineHeaders.source]: expect.stringMatching(new RegExp(`^${topic}/\\d+/\\d+$`)),
    });
  });

  it('quarantines a malformed message at once, without retrying it', async () => {
    const quarantined = await collect(bus, Topics.quarantine.name);
    let calls = 0;
    await bus.consume({
      groupId: uniqueGroup(),
      topics: [topic],
      handle: async () => {
        calls += 1;
        throw new MalformedMessageError('value is not JSON');
      },
    });

    await bus.publish(topic, [{ key: 'k', value: '{not json' }]);

    const [message] = await pollUntil('the message is quarantined', () => quarantined.length === 1 && quarantined);
    expect(calls).toBe(1);
    expect(message.headers[QuarantineHeaders.reason]).toBe('MalformedMessageError: value is not JSON');
    expect(message.headers[QuarantineHeaders.attempts]).toBe('1');
  });
});

describe('AtLeastOnceConsumer with several messages in flight', () => {
  let bus: KafkaBus;

  beforeEach(async () => {
    bus = await testBus();
  });

  afterEach(async () => {
    await bus.disconnect();
  });

  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  };

  it('runs other keys past a slow one, keeps each key in order, and commits only below the slowest', async () => {
    const groupId = uniqueGroup();
    const slow = gate();
    const events: string[] = [];
    await bus.consume({
      groupId,
      topics: [topic],
      maxInFlight: 4,
      handle: async (message) => {
        const value = String(message.value);
        events.push(`start ${value}`);
        if (value === 'a1') await slow.opened;
        events.push(`end ${value}`);
      },
    });

    await bus.publish(topic, ['a1', 'b1', 'a2', 'c1'].map((value) => ({ key: value[0], value, partition: 0 })));

    await pollUntil('b1 and c1 finished while a1 is still running', () => events.includes('end b1') && events.includes('end c1'));
    expect(events).not.toContain('start a2');
    expect((await bus.committedOffsets(groupId, topic)).get(0) ?? -1n).toBeLessThanOrEqual(0n);

    slow.open();
    await pollUntil('everything is committed', async () => (await bus.committedOffsets(groupId, topic)).get(0) === 4n);
    expect(events.indexOf('start a2')).toBeGreaterThan(events.indexOf('end a1'));
  });

  it('lets in-flight messages finish and commit when it stops', async () => {
    const groupId = uniqueGroup();
    const started: string[] = [];
    const slow = gate();
    const consumer = await bus.consume({
      groupId,
      topics: [topic],
      maxInFlight: 2,
      handle: async (message) => {
        started.push(String(message.value));
        await slow.opened;
      },
    });
    await bus.publish(topic, [{ key: 'k', value: 'only', partition: 0 }]);
    await pollUntil('the handler started', () => started.length === 1);

    const stopped = consumer.stop();
    slow.open();
    await stopped;
    expect((await bus.committedOffsets(groupId, topic)).get(0)).toBe(1n);
  });
});

describe('AtLeastOnceConsumer with fetchGatherMs', () => {
  let bus: KafkaBus;

  beforeEach(async () => {
    bus = await testBus();
  });

  afterEach(async () => {
    await bus.disconnect();
  });

  it('lets the broker gather messages published one by one into a single fetch, and answers once the wait is over', async () => {
    const handledAt = new Map<string, number>();
    await bus.consume({
      groupId: uniqueGroup(),
      topics: [topic],
      maxInFlight: 10,
      fetchGatherMs: 2_000,
      handle: async (message) => void handledAt.set(String(message.value), Date.now()),
    });
    // Once the first message is handled, the consumer's next fetch is waiting at the broker.
    await bus.publish(topic, [{ key: 'k', value: 'warm-up', partition: 0 }]);
    await pollUntil('the warm-up message is handled', () => handledAt.has('warm-up'));

    const values = ['m1', 'm2', 'm3', 'm4', 'm5'];
    for (const value of values) {
      await bus.publish(topic, [{ key: 'k', value, partition: 0 }]);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const lastPublishedAt = Date.now();

    await pollUntil('every message is handled', () => values.every((value) => handledAt.has(value)));
    // Each would be handled within milliseconds of its publish if the broker answered at once.
    expect(Math.min(...values.map((value) => handledAt.get(value) ?? 0))).toBeGreaterThanOrEqual(lastPublishedAt);
  });
});
