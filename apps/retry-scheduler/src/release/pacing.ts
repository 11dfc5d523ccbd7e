/**
 * Pacing of scheduled (SecuTix) subscriptions: every `frequencyMinutes` at most `batchSize` due
 * records. Pure decisions; the store applies them with conditional updates.
 */
export interface BatchInfo {
  readonly frequencyMinutes: number;
  readonly batchSize: number;
}

const MINUTE_MS = 60_000;

/** A run taken now makes the next one possible `frequencyMinutes` later. */
export const nextRunAfter = (now: Date, { frequencyMinutes }: Pick<BatchInfo, 'frequencyMinutes'>): Date =>
  new Date(now.getTime() + frequencyMinutes * MINUTE_MS);

/** A subscription seen for the first time may run at once. */
export const firstRunAt = (now: Date): Date => now;

/** A run is worth taking only when it is time and something is due; an empty run would waste the slot. */
export const shouldRun = (nextRunAt: Date, now: Date, dueRows: number): boolean => nextRunAt.getTime() <= now.getTime() && dueRows > 0;
