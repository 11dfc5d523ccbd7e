import { EntityManager } from '@mikro-orm/core';
import { DeliveryLog0003 } from '../migrations/0003-delivery-log';
import { DeliveryOutcome0004 } from '../migrations/0004-delivery-outcome';
import { DeliveryDueAt0007 } from '../migrations/0007-delivery-due-at';
import { AttemptFlow0009 } from '../migrations/0009-attempt-flow';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { DeliveryLogConsumer } from './delivery-log.consumer';
import { DeliveryLogWriter } from './delivery-log.writer';
import { DeliveryRetrier } from './delivery-retrier';
import { Delivery } from './delivery.entity';

/**
 * The delivery log's share of ConfigModule: `GET /v1/deliveries[/:id]` and the consumer of
 * `hookbus.deliveries.log.v1` (served only when main.ts starts the Kafka transport).
 */
export const DELIVERY_LOG_ENTITIES = [Delivery, DeliveryAttempt];
export const DELIVERY_LOG_CONTROLLERS = [DeliveriesController, DeliveryLogConsumer];
export const DELIVERY_LOG_PROVIDERS = [
  DeliveriesService,
  { provide: DeliveryLogWriter, inject: [EntityManager], useFactory: (em: EntityManager) => new DeliveryLogWriter(em) },
  DeliveryRetrier,
];
export const DELIVERY_LOG_MIGRATIONS = [
  { name: '0003-delivery-log', class: DeliveryLog0003 },
  { name: '0004-delivery-outcome', class: DeliveryOutcome0004 },
  // Independent of 0005 and 0006, which a new database applies after it.
  { name: '0007-delivery-due-at', class: DeliveryDueAt0007 },
  { name: '0009-attempt-flow', class: AttemptFlow0009 },
];
