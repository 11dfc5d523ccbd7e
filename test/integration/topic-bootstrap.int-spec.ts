import { ALL_TOPICS, Topics } from '@hookbus/contracts';
import { inspectTopic, testBus, uniquePrefix } from '@hookbus/testing';

describe('topic bootstrap on a real broker', () => {
  it('creates every contract topic with its partitions and cleanup policy, and is idempotent', async () => {
    const prefix = uniquePrefix('bootstrap');
    const bus = await testBus(prefix);
    try {
      const events = await inspectTopic(`${prefix}${Topics.events.name}`);
      expect(events.partitions).toBe(12);
      expect(events.config['cleanup.policy']).toBe('delete');

      const subscriptions = await inspectTopic(`${prefix}${Topics.subscriptions.name}`);
      expect(subscriptions.config['cleanup.policy']).toBe('compact');

      expect(await bus.ensureTopics()).toEqual([]);
      expect(ALL_TOPICS.map((spec) => spec.name)).toContain(Topics.deadLetters.name);
    } finally {
      await bus.disconnect();
    }
  });
});
