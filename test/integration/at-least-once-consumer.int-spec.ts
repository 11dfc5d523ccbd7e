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
