import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { ReleaseSchedule } from '../store/release-schedule.entity';
import { nextRunAfter, shouldRun } from './pacing';
import { ReleaseClaims } from './release-claims';
import { Releaser } from './releaser';

/**
 * Paced subscriptions: a run is taken with a conditional UPDATE of the schedule row
 * (`nextRunAt <= now` → `now + frequencyMinutes`), so exactly one instance gets each run; it then
 * releases at most `batchSize` due rows of that subscription, oldest due first.
 */
@Injectable()
export class ScheduleRuns {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(ReleaseClaims) private readonly claims: ReleaseClaims,
    @Inject(Releaser) private readonly releaser: Releaser,
  ) {}

  /** Takes and performs every run that is due; returns the rows published. */
  async runDue(now = new Date()): Promise<number> {
    const schedules = await this.em.fork().find(ReleaseSchedule, { nextRunAt: { $lte: now } }, { orderBy: { nextRunAt: 'asc' } });
    let published = 0;
    for (const schedule of schedules) {
      if (!shouldRun(schedule.nextRunAt, now, await this.claims.dueCount(schedule.subscriptionId, now))) continue;
      if (!(await this.takeRun(schedule.subscriptionId, now, schedule))) continue;
      const claim = await this.claims.claim({ subscriptionId: schedule.subscriptionId }, schedule.batchSize, now);
      published += await this.releaser.release(claim);
    }
    return published;
  }

  private async takeRun(subscriptionId: string, now: Date, schedule: ReleaseSchedule): Promise<boolean> {
    const taken = await this.em
      .fork()
      .nativeUpdate(ReleaseSchedule, { subscriptionId, nextRunAt: { $lte: now } }, { nextRunAt: nextRunAfter(now, schedule) });
    return taken === 1;
  }
}
