import { EntityManager } from '@mikro-orm/core';
import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { OperatorGuard } from '@hookbus/platform';
import { PendingRelease } from '../store/pending-release.entity';
import { ReleaseSchedule } from '../store/release-schedule.entity';

export interface PendingView {
  readonly pending: number;
  readonly due: number;
  readonly nextRunAt?: string;
}

/** Read-only view of the queue for ops and tests (operator token): `GET /v1/pending?subscriptionId=`. */
@Controller('v1/pending')
@UseGuards(OperatorGuard)
export class PendingController {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  @Get()
  async pending(@Query('subscriptionId') subscriptionId?: string): Promise<PendingView> {
    const now = new Date();
    const scope = subscriptionId ? { subscriptionId } : {};
    const [pending, due, schedule] = await Promise.all([
      this.em.count(PendingRelease, { ...scope, releasedAt: null }),
      this.em.count(PendingRelease, { ...scope, releasedAt: null, dueAt: { $lte: now } }),
      subscriptionId ? this.em.findOne(ReleaseSchedule, { subscriptionId }) : null,
    ]);
    return { pending, due, ...(schedule ? { nextRunAt: schedule.nextRunAt.toISOString() } : {}) };
  }
}
