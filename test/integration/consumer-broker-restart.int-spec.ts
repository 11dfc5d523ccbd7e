import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Topics } from '@hookbus/contracts';
import { KafkaBus } from '@hookbus/kafka';
import { pollUntil, uniqueGroup, uniquePrefix } from '@hookbus/testing';
import { OwnBroker } from '../support/own-broker';
import { freePort } from '../support/service-process';

const topic = Topics.events.name;

// Stopping the broker makes kafkajs's group look for its coordinator on a broker that refuses
// connections; that crash is one kafkajs does not restart from (kafkajs #1630).
describe('a consumer across a broker restart (a broker of its own)', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'hookbus-broker-restart-'));
  let broker: OwnBroker;
  let bus: KafkaBus;

  beforeAll(async () => {
    broker = new OwnBroker(home, await freePort());
    await broker.start();
    bus = new KafkaBus({ brokers: [broker.brokers], clientId: 'hookbus-test', topicPrefix: uniquePrefix('restart'), sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000 });
    await bus.ensureTopics();
  }, 180_000);

  afterAll(async () => {
    await bus?.disconnect();
    await broker?.stop();
    rmSync(home, { recursive: true, force: true });
  }, 60_000);

  it('reads again once the broker is back, and says it is not ready meanwhile', async () => {
    const handled: string[] = [];
    await bus.consume({ groupId: uniqueGroup(), topics: [topic], handle: async (message) => void handled.push(message.value?.toString() ?? '') });
    await bus.publish(topic, [{ key: 'tenant:order-1', value: 'before' }]);
    await pollUntil('the message published before the restart is handled', () => handled.includes('before'), { timeoutMs: 30_000 });

    // Under load, as in production: the group is heartbeating and committing when the broker goes.
    const load = setInterval(() => void bus.publish(topic, [{ key: 'tenant:order-load', value: 'load' }]).catch(() => undefined), 20);
    try {
      await pollUntil('the load is being read', () => handled.includes('load'), { timeoutMs: 30_000 });
      await broker.stop();
      await pollUntil('the consumer says it cannot read', () => bus.consumerOutages().length > 0, { timeoutMs: 60_000 });
      await broker.start();
    } finally {
      clearInterval(load);
    }

    await bus.publish(topic, [{ key: 'tenant:order-2', value: 'after' }]);
    await pollUntil('the message published after the restart is handled', () => handled.includes('after'), { timeoutMs: 90_000 });
    expect(bus.consumerOutages()).toEqual([]);
  }, 300_000);
});
