import type { DeliveryStatus } from '@hookbus/contracts';
import { counter } from '@hookbus/platform';

const attempts = counter({
  name: 'hookbus_delivery_attempts_total',
  help: 'Delivery attempts logged, by plugin and outcome (pending and cancelled included)',
  labelNames: ['plugin', 'outcome'],
});

export const countAttempt = (plugin: string, outcome: DeliveryStatus): void => attempts.inc({ plugin, outcome });
