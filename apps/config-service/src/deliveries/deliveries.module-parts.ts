import { EntityManager } from '@mikro-orm/core';
import { BatchedPruner } from '@hookbus/persistence';
import { DeliveryLog0003 } from '../migrations/0003-delivery-log';
import { DeliveryOutcome0004 } from '../migrations/0004-delivery-outcome';
import { DeliveryDueAt0007 } from '../migrations/0007-delivery-due-at';
import { AttemptFlow0009 } from '../migrations/0009-attempt-flow';
import { DeliveryLogRetention0012 } from '../migrations/0012-delivery-log-retention';
import { DeliveryListIndexes0013 } from '../migrations/0013-delivery-list-indexes';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { DeliveryLogConsumer } from './delivery-log.consumer';
import { deliveryLogPrunedTotal } from './delivery-log.metrics';
import { DeliveryLogPruning } from './delivery-log-pruning';
import { DeliveryLogWriter } from './delivery-log.writer';
import { DeliveryRetrier } from './delivery-retrier';
import { Delivery } from './delivery.entity';

const DAY_MS = 24 * 60 * 60 * 1000;
// Nest runs its timer (bootstrap, shutdown); nothing injects it.
const DELIVERY_LOG_PRUNER = Symbol('DELIVERY_LOG_PRUNER');

/**
 * The delivery log's share of ConfigModule: `GET /v1/deliveries[/:id]` and the consumer of
 * `hookbus.deliveries.log.v1` (served only when main.ts starts the Kafka transport).
 */
export const DELIVERY_LOG_ENTITIES = [Delivery, DeliveryAttempt];
export const DELIVERY_LOG_CONTROLLERS = [DeliveriesController, DeliveryLogConsumer];
export const deliveryLogProviders = (retentionDays: number) => [
  DeliveriesService,
  { provide: DeliveryLogWriter, inject: [EntityManager], useFactory: (em: EntityManager) => new DeliveryLogWriter(em) },
  DeliveryRetrier,
  {
    provide: DELIVERY_LOG_PRUNER,
    inject: [EntityManager],
    useFactory: (em: EntityManager) =>
      new BatchedPruner({
        name: 'delivery log',
        retentionMs: retentionDays * DAY_MS,
        prune: new DeliveryLogPruning(em).pruneBatch,
        onPruned: (count) => deliveryLogPrunedTotal.inc(count),
      }),
  },
];
export const DELIVERY_LOG_MIGRATIONS = [
  { name: '0003-delivery-log', class: DeliveryLog0003 },
  { name: '0004-delivery-outcome', class: DeliveryOutcome0004 },
  // Independent of 0005 and 0006, which a new database applies after it.
  { name: '0007-delivery-due-at', class: DeliveryDueAt0007 },
  { name: '0009-attempt-flow', class: AttemptFlow0009 },
  // Independent of 0010 and 0011, which a new database applies after it.
  { name: '0012-delivery-log-retention', class: DeliveryLogRetention0012 },
  { name: '0013-delivery-list-indexes', class: DeliveryListIndexes0013 },
];
