import type { KafkaBus, QuarantineListener } from '@hookbus/kafka';
import { metricsRegistry } from './metrics';
import { QuarantineMetrics } from './quarantine-metrics';

const quarantinedOf = async (topic: string, group: string) => {
  const metric = await metricsRegistry.getSingleMetric('hookbus_messages_quarantined_total')?.get();
  return metric?.values.find(({ labels }) => labels.topic === topic && labels.group === group)?.value ?? 0;
};

describe('QuarantineMetrics', () => {
  it('counts each quarantined message, by the topic it came from and the group that gave up on it', async () => {
    let quarantined!: QuarantineListener;
    const bus = { onQuarantine: (listener: QuarantineListener) => (quarantined = listener) };
    new QuarantineMetrics(bus as unknown as KafkaBus);

    quarantined('metrics-spec.events', 'metrics-spec-delivery');
    quarantined('metrics-spec.events', 'metrics-spec-delivery');
    quarantined('metrics-spec.dlq', 'metrics-spec-scheduler');
    expect(await quarantinedOf('metrics-spec.events', 'metrics-spec-delivery')).toBe(2);
    expect(await quarantinedOf('metrics-spec.dlq', 'metrics-spec-scheduler')).toBe(1);
    expect(await metricsRegistry.metrics()).toContain('hookbus_messages_quarantined_total{topic="metrics-spec.events",group="metrics-spec-delivery"} 2');
  });
});
