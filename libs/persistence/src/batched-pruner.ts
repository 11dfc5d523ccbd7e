import { type BeforeApplicationShutdown, Logger, type OnApplicationBootstrap } from '@nestjs/common';

/** Deletes at most `limit` rows last active before `before`; answers how many it deleted. */
export type PruneBatch = (before: Date, limit: number) => Promise<number>;

export interface BatchedPrunerOptions {
  /** What is pruned, for the logs (e.g. `delivery log`). */
  readonly name: string;
  /** Rows older than this are pruned. */
  readonly retentionMs: number;
  readonly prune: PruneBatch;
  /** Rows one batch deletes at most: one short transaction, so writers wait for it briefly. */
  readonly batchSize?: number;
  /** Pause between two batches of a pass, so writers waiting for the database get their turn. */
  readonly pauseMs?: number;
  /** Time between two passes; the first pass runs at start. */
  readonly everyMs?: number;
  /** Told how many rows each batch deleted (a metrics counter). */
  readonly onPruned?: (count: number) => void;
  readonly now?: () => Date;
}

const DEFAULTS = { batchSize: 250, pauseMs: 50, everyMs: 5 * 60_000 };

/**
 * Keeps a table that only grows within its retention: at start and then every `everyMs`, a pass
 * deletes what is older than `retentionMs`, batch after batch until a batch comes back short. Each
 * batch is its own short statement or transaction and a pause follows it, so a log writer sharing
 * the database (SQLite has one writer) is never held up for long. A failed pass is logged and the
 * next one tries again.
 */
export class BatchedPruner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private readonly settings: Required<Omit<BatchedPrunerOptions, 'onPruned'>> & Pick<BatchedPrunerOptions, 'onPruned'>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(options: BatchedPrunerOptions) {
    this.settings = { ...DEFAULTS, now: () => new Date(), ...options };
    this.logger = new Logger(`BatchedPruner(${options.name})`);
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  // Before the database closes: the batch under way finishes.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: every batch until none is full; answers the rows deleted. */
  async pruneAll(): Promise<number> {
    const { prune, batchSize, pauseMs, retentionMs, now, onPruned } = this.settings;
    const before = new Date(now().getTime() - retentionMs);
    let total = 0;
    for (;;) {
      const deleted = await prune(before, batchSize);
      total += deleted;
      if (deleted > 0) onPruned?.(deleted);
      if (deleted < batchSize || this.stopped) return total;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass().finally(() => this.schedule(this.settings.everyMs));
    }, delayMs);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    try {
      const pruned = await this.pruneAll();
      if (pruned > 0) this.logger.log({ message: `pruned the ${this.settings.name}`, pruned });
    } catch (error) {
      this.logger.warn({ message: `pruning the ${this.settings.name} failed; the next pass tries again`, reason: error instanceof Error ? error.message : String(error) });
    }
  }
}
