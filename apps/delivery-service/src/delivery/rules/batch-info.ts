import type { DeliverablePlugin } from '@hookbus/delivery-sdk';

export interface BatchInfo {
  readonly frequencyMinutes: number;
  readonly batchSize: number;
}

/** A scheduled plugin's pacing: the subscription's settings over the plugin's defaults. */
export function batchInfoOf(plugin: Pick<DeliverablePlugin, 'schedule'>, settings: Record<string, unknown>): BatchInfo | undefined {
  if (!plugin.schedule) return undefined;
  const whole = (value: unknown, fallback: number) => (Number.isInteger(value) && (value as number) > 0 ? (value as number) : fallback);
  return {
    frequencyMinutes: whole(settings.frequencyMinutes, plugin.schedule.frequencyMinutes),
    batchSize: whole(settings.batchSize, plugin.schedule.batchSize),
  };
}
