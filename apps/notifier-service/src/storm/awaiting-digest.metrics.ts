import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Inject, Injectable } from '@nestjs/common';
import { selectRows } from '@hookbus/persistence';
import { gauge, readOnScrape } from '@hookbus/platform';

/**
 * Mail notifier-service holds on purpose: notifications the storm rule held back, waiting for their
 * window's digest. Summed from the windows not closed yet (the state index) when Prometheus scrapes.
 */
@Injectable()
export class AwaitingDigestMetrics {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {
    const heldNow = () => this.awaitingDigest();
    gauge({
      name: 'hookbus_notifier_notifications_awaiting_digest',
      help: 'Notifications held back by the storm rule whose digest has not gone out yet (their window is open, or its digest is being sent)',
      async collect() {
        const held = await readOnScrape(heldNow);
        // Not reset: an unlabelled gauge reads 0 once reset, and an unknown count must leave a gap.
        if (held === undefined) this.remove();
        else this.set(held);
      },
    });
  }

  async awaitingDigest(): Promise<number> {
    const [row] = await selectRows<{ held: number | string | null }>(
      (this.em as SqlEntityManager).getConnection().getKnex(),
      `select sum(suppressed_count) as held from notification_windows where state in ('open', 'digesting')`,
      [],
    );
    // pg returns a sum as text, and either database null over no rows.
    return Number(row?.held ?? 0);
  }
}
