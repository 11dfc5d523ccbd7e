import { InMemoryBus } from './in-memory-bus';

describe('InMemoryBus', () => {
  it('keeps what is published, in order, and reads a topic back as JSON', async () => {
    const bus = new InMemoryBus();
    await bus.publish('a.v1', [{ key: 'k1', value: '{"n":1}' }]);
    await bus.publish('b.v1', [{ key: 'k2', value: Buffer.from('{"n":2}'), headers: { h: 'v' } }, { key: 'k3', value: null }]);
    await bus.publish('a.v1', [{ key: 'k1', value: '{"n":3}' }]);

    expect(bus.topics()).toEqual(['a.v1', 'b.v1', 'b.v1', 'a.v1']);
    expect(bus.values('a.v1')).toEqual([{ n: 1 }, { n: 3 }]);
    expect(bus.values('b.v1')).toEqual([{ n: 2 }]);
    expect(bus.published[1]).toEqual({ topic: 'b.v1', key: 'k2', value: '{"n":2}', headers: { h: 'v' } });
  });

  it('refuses the next publish to a topic once, keeping nothing of it', async () => {
    const bus = new InMemoryBus();
    bus.refuseNext('a.v1');
    await expect(bus.publish('a.v1', [{ key: 'k', value: '1' }])).rejects.toThrow('broker refused a.v1');
    await bus.publish('a.v1', [{ key: 'k', value: '2' }]);
    expect(bus.values('a.v1')).toEqual([2]);
  });

  it('forgets everything on clear', async () => {
    const bus = new InMemoryBus();
    await bus.publish('a.v1', [{ key: 'k', value: '1' }]);
    bus.clear();
    expect(bus.published).toEqual([]);
  });
});
