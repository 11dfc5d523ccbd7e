import { Topics } from '@hookbus/contracts';
import { collect, pollUntil, testBus, uniquePrefix } from '@hookbus/testing';

describe('KafkaBus.publish on a real broker', () => {
  it("stores a publication larger than the broker's message limit when it all goes to one partition, in order", async () => {
    const bus = await testBus(uniquePrefix('publish'));
    try {
      const received = await collect(bus, Topics.events.name);
      // One key, so one partition: 3 × 400 KB in one produce request would exceed the broker's 1 MB batch limit.
      const values = ['a', 'b', 'c'].map((fill) => fill.repeat(400 * 1024));
      await bus.publish(Topics.events.name, values.map((value) => ({ key: 'tnt_a:order-1', value })));

      await pollUntil('all three records are read back', () => received.length === 3);
      expect(received.map(({ value }) => value?.toString())).toEqual(values);
    } finally {
      await bus.disconnect();
    }
  });
});
