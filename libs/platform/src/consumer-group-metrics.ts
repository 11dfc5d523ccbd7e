import { Inject, Injectable } from '@nestjs/common';
import { KafkaBus } from '@hookbus/kafka';
import { counter } from './metrics';

/**
 * Counts each time a consumer of this process joins its group: once at start, then once per
 * rebalance. Joins beyond the start while no instance came or went are false rebalances (a
 * session that expired under load).
 */
@Injectable()
export class ConsumerGroupMetrics {
  private readonly joins = counter({
    name: 'hookbus_consumer_group_joins_total',
    help: 'Times a consumer of this process joined its consumer group (at start and at each rebalance), by group',
    labelNames: ['group'],
  });

  // Registered when the module is built, before any consumer starts.
  constructor(@Inject(KafkaBus) bus: KafkaBus) {
    bus.onGroupJoin((group) => this.joins.inc({ group }));
  }
}
