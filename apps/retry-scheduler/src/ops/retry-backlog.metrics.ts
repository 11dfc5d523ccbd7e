import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Inject, Injectable } from '@nestjs/common';
import { selectRows } from '@hookbus/persistence';
import { gauge, readOnScrape } from '@hookbus/platform';

/** How soon the held retries are due: the `due` label of `hookbus_retry_pending`. */
const DUE_TIMES = ['overdue', 'next_minute', 'next_hour', 'later'] as const;
type DueTime = (typeof DUE_TIMES)[number];

/**
 * The retries held and not yet released, by how soon they are due, counted when Prometheus scrapes
 * in one plain statement (the same on SQLite and PostgreSQL) over the unreleased rows of the index
 * that leads with `released_at`. Overdue: due but not out yet (a claim publishing them, a paced
 * subscription's next run, or a scheduler falling behind).
 */
@Injectable()
export class RetryBacklogMetrics {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {
    const heldNow = () => this.byDueTime(new Date());
    gauge({
      name: 'hookbus_retry_pending',
      help: 'Retries held by retry-scheduler and not yet released, by when they are due: overdue, next_minute, next_hour, later',
      labelNames: ['due'],
      async collect() {
        const held = await readOnScrape(heldNow);
        this.reset();
        if (held) for (const due of DUE_TIMES) this.set({ due }, held[due]);
      },
    });
  }

  async byDueTime(now: Date): Promise<Record<DueTime, number>> {
    const at = (laterMs: number) => this.em.getPlatform().processDateProperty(new Date(now.getTime() + laterMs));
    const rows = await selectRows<{ due: DueTime; held: number | string }>(
      (this.em as SqlEntityManager).getConnection().getKnex(),
      `select case when due_at <= ? then 'overdue' when due_at <= ? then 'next_minute' when due_at <= ? then 'next_hour' else 'later' end as due,` +
        ` count(*) as held from pending_releases where released_at is null group by 1`,
      [at(0), at(60_000), at(3_600_000)],
    );
    const held: Record<DueTime, number> = { overdue: 0, next_minute: 0, next_hour: 0, later: 0 };
    // pg returns a count as text.
    for (const row of rows) held[row.due] = Number(row.held);
    return held;
  }
}
