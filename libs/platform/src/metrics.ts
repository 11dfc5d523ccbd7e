import { Controller, Get, Header, Module } from '@nestjs/common';
import { collectDefaultMetrics, Counter, type CounterConfiguration, Gauge, type GaugeConfiguration, Histogram, type HistogramConfiguration, Registry } from 'prom-client';

/** The process's Prometheus registry; services register their own metrics on it. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** A counter on the process registry; the same name yields the same counter (apps may be created twice in tests). */
export function counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
  const existing = metricsRegistry.getSingleMetric(config.name);
  return (existing as Counter<L> | undefined) ?? new Counter({ ...config, registers: [metricsRegistry] });
}

/** A histogram on the process registry; like `counter`, the same name yields the same histogram. */
export function histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
  const existing = metricsRegistry.getSingleMetric(config.name);
  return (existing as Histogram<L> | undefined) ?? new Histogram({ ...config, registers: [metricsRegistry] });
}

/** A gauge on the process registry; like `counter`, the same name yields the same gauge. */
export function gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
  const existing = metricsRegistry.getSingleMetric(config.name);
  return (existing as Gauge<L> | undefined) ?? new Gauge({ ...config, registers: [metricsRegistry] });
}

@Controller('metrics')
class MetricsController {
  @Get()
  @Header('content-type', metricsRegistry.contentType)
  scrape(): Promise<string> {
    return metricsRegistry.metrics();
  }
}

/** `GET /metrics` in the Prometheus text format. */
@Module({ controllers: [MetricsController] })
export class MetricsModule {}
