import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { errorMessage } from '@hookbus/kafka';
import { ReleaseClaims } from './release-claims';
import { RELEASE_SETTINGS, type ReleaseSettings } from './release-settings';
import { Releaser } from './releaser';
import { ScheduleRuns } from './schedule-runs';

/**
 * Every `pollMs`: releases the due unpaced rows (batch after batch until none is left) and takes the
 * due runs of paced subscriptions (old tombstones go in batches of their own: TombstonePruning). A
 * failing tick is logged and the next one tries again: claims it held expire and are recovered.
 */
@Injectable()
export class ReleaseLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReleaseLoop.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(ReleaseClaims) private readonly claims: ReleaseClaims,
    @Inject(Releaser) private readonly releaser: Releaser,
    @Inject(ScheduleRuns) private readonly schedules: ScheduleRuns,
    @Inject(RELEASE_SETTINGS) private readonly settings: ReleaseSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.next(0);
  }

  // Before the Kafka bus and the database close: the tick in progress finishes its publish and mark.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private next(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.next(this.settings.pollMs));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    try {
      await this.releaseUnpaced();
      if (!this.stopped) await this.schedules.runDue();
    } catch (error) {
      this.logger.warn({ message: 'release tick failed; retrying at the next tick', reason: errorMessage(error) });
    }
  }

  private async releaseUnpaced(): Promise<void> {
    for (;;) {
      const claim = await this.claims.claim({ paced: false }, this.settings.batchLimit);
      await this.releaser.release(claim);
      if (this.stopped || claim.rows.length < this.settings.batchLimit) return;
    }
  }
}
