import { EntityManager } from '@mikro-orm/core';
import { type DynamicModule, Module } from '@nestjs/common';
import { BatchedPruner, DatabaseReadiness, PersistenceModule } from '@hookbus/persistence';
import { OperatorAuthModule, PlatformModule } from '@hookbus/platform';
import { DeadLettersConsumer } from './intake/dead-letters.consumer';
import { PendingReleaseStore } from './intake/pending-release.store';
import { RETRY_SCHEDULER_MIGRATIONS } from './migrations/0001-pending-releases';
import { PendingController } from './ops/pending.controller';
import { RetryBacklogMetrics } from './ops/retry-backlog.metrics';
import { ReleaseClaims } from './release/release-claims';
import { ReleaseLoop } from './release/release-loop';
import { RELEASE_SETTINGS, type ReleaseSettings } from './release/release-settings';
import { Releaser } from './release/releaser';
import { SchedulePruning } from './release/schedule-pruning';
import { ScheduleRuns } from './release/schedule-runs';
import { schedulesPrunedTotal, tombstonesPrunedTotal } from './release/release.metrics';
import { TombstonePruning } from './release/tombstone-pruning';
import type { RetrySchedulerEnv } from './retry-scheduler-env';
import { PendingRelease } from './store/pending-release.entity';
import { ReleaseSchedule } from './store/release-schedule.entity';

const DAY_MS = 24 * 60 * 60 * 1000;
// Nest runs their timers (bootstrap, shutdown); nothing injects them.
const SCHEDULE_PRUNER = Symbol('SCHEDULE_PRUNER');
const TOMBSTONE_PRUNER = Symbol('TOMBSTONE_PRUNER');

export const releaseSettings = (env: RetrySchedulerEnv, clientId: string): ReleaseSettings => ({
  pollMs: env.RETRY_POLL_MS,
  batchLimit: env.RETRY_RELEASE_BATCH,
  leaseMs: env.RETRY_CLAIM_LEASE_MS,
  scanMarginMs: env.RETRY_SCAN_MARGIN_MS,
  brokers: env.KAFKA_BROKERS,
  clientId,
});

/** The durable delay queue: dead letters in, retries out when due (paced for scheduled subscriptions). */
@Module({})
export class RetrySchedulerModule {
  /** `operatorToken`: HOOKBUS_ADMIN_TOKEN (else `.data/admin-token`), guarding the ops view. */
  static forRoot(env: RetrySchedulerEnv, operatorToken: string): DynamicModule {
    return {
      module: RetrySchedulerModule,
      imports: [
        PlatformModule.forRoot({ name: 'retry-scheduler', env, readiness: [DatabaseReadiness] }),
        OperatorAuthModule.forRoot(operatorToken),
        PersistenceModule.forRoot({
          name: 'retry-scheduler',
          url: env.DATABASE_URL,
          entities: [PendingRelease, ReleaseSchedule],
          migrations: RETRY_SCHEDULER_MIGRATIONS,
        }),
      ],
      controllers: [PendingController, DeadLettersConsumer],
      providers: [
        { provide: RELEASE_SETTINGS, useValue: releaseSettings(env, 'retry-scheduler') },
        PendingReleaseStore,
        ReleaseClaims,
        Releaser,
        ScheduleRuns,
        ReleaseLoop,
        RetryBacklogMetrics,
        {
          provide: SCHEDULE_PRUNER,
          inject: [EntityManager],
          useFactory: (em: EntityManager) =>
            new BatchedPruner({
              name: 'idle schedules',
              retentionMs: env.RETRY_TOMBSTONE_DAYS * DAY_MS,
              prune: new SchedulePruning(em).pruneBatch,
              onPruned: (count) => schedulesPrunedTotal.inc(count),
            }),
        },
        {
          provide: TOMBSTONE_PRUNER,
          inject: [EntityManager],
          // Every minute: a minute's releases at most a pass once the backlog is gone.
          useFactory: (em: EntityManager) =>
            new BatchedPruner({
              name: 'released tombstones',
              retentionMs: env.RETRY_TOMBSTONE_DAYS * DAY_MS,
              prune: new TombstonePruning(em).pruneBatch,
              everyMs: 60_000,
              onPruned: (count) => tombstonesPrunedTotal.inc(count),
            }),
        },
      ],
    };
  }
}
