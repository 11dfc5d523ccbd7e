import { counter } from '@hookbus/platform';

export const deliveryLogPrunedTotal = counter({
  name: 'hookbus_config_delivery_log_pruned_total',
  help: 'Deliveries deleted from the delivery log (with their attempts) by retention',
});
