import { Topics } from '@hookbus/contracts';
import { KafkaBus } from '@hookbus/kafka';
import { testBrokers, uniquePrefix } from '@hookbus/testing';

describe('KafkaBus overview reads on a real broker', () => {
  it('counts a topic that does not exist yet as 0 messages, and finds no group under a new prefix', async () => {
    const prefix = uniquePrefix('overview');
    // No topic bootstrap: nothing exists under this prefix.
    const bus = new KafkaBus({ brokers: testBrokers(), clientId: 'hookbus-test', topicPrefix: prefix });
    try {
      await expect(bus.topicMessageCounts([Topics.quarantine.name])).resolves.toEqual([{ topic: `${prefix}${Topics.quarantine.name}`, messages: 0 }]);
      await expect(bus.consumerLag('hookbus')).resolves.toEqual([]);

      await bus.ensureTopics([Topics.quarantine]);
      await bus.publish(Topics.quarantine.name, [{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
      await expect(bus.topicMessageCounts([Topics.quarantine.name])).resolves.toEqual([{ topic: `${prefix}${Topics.quarantine.name}`, messages: 2 }]);
    } finally {
      await bus.disconnect();
    }
  });
});
