import { Topics, type DeadLetterRecordV1 } from '@hookbus/contracts';
import type { ConsumedMessage, KafkaBus } from '@hookbus/kafka';
import { ServiceProcess } from './service-process';

/** The scheduler's ops view: `GET /v1/pending`. */
export interface PendingView {
  readonly pending: number;
  readonly due: number;
  readonly nextRunAt?: string;
}

export async function pendingOf(scheduler: ServiceProcess, subscriptionId?: string): Promise<PendingView> {
  const query = subscriptionId ? `?subscriptionId=${encodeURIComponent(subscriptionId)}` : '';
  const response = await scheduler.asOperator(`/v1/pending${query}`);
  if (!response.ok) throw new Error(`GET /v1/pending answered ${response.status}`);
  return (await response.json()) as PendingView;
}

export const startScheduler = async (env: Record<string, string>): Promise<ServiceProcess> =>
  (await ServiceProcess.spawn('retry-scheduler', env)).ready();

export const publishDeadLetters = (bus: KafkaBus, records: readonly DeadLetterRecordV1[]): Promise<void> =>
  bus.publish(Topics.deadLetters.name, records.map((record) => ({ key: record.deliveryId, value: JSON.stringify(record) })));

/** Exact number of records on the retry topic (sum of end offsets; the topic is the test's own). */
export async function retryTopicCount(bus: KafkaBus): Promise<number> {
  return [...(await bus.endOffsets(Topics.retries.name)).values()].reduce((sum, offset) => sum + Number(offset), 0);
}

/** How many times each delivery id was released. */
export function releasesPerDelivery(messages: readonly ConsumedMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { key } of messages) if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** p50/p99/max of a list of milliseconds. */
export function percentiles(values: readonly number[]): { p50: number; p99: number; max: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1], n: sorted.length };
}
