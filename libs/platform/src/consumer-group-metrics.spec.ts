import type { KafkaBus } from '@hookbus/kafka';
import { ConsumerGroupMetrics } from './consumer-group-metrics';
import { metricsRegistry } from './metrics';

const joinsOf = async (group: string) => {
  const metric = await metricsRegistry.getSingleMetric('hookbus_consumer_group_joins_total')?.get();
  return metric?.values.find(({ labels }) => labels.group === group)?.value ?? 0;
};

describe('ConsumerGroupMetrics', () => {
  it('counts each join of a consumer group, by group', async () => {
    let join!: (group: string) => void;
    const bus = { onGroupJoin: (listener: (group: string) => void) => (join = listener) };
    new ConsumerGroupMetrics(bus as unknown as KafkaBus);

    join('metrics-spec-a');
    join('metrics-spec-a');
    join('metrics-spec-b');
    expect(await joinsOf('metrics-spec-a')).toBe(2);
    expect(await joinsOf('metrics-spec-b')).toBe(1);
    expect(await metricsRegistry.metrics()).toContain('hookbus_consumer_group_joins_total{group="metrics-spec-a"} 2');
  });
});
