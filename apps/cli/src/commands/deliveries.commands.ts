import type { DeliveryDetail, DeliverySummary, Page } from '../api-views';
import { configApi } from '../connection';
import { deliveriesTable, deliveryDetail, recoverSummary } from '../human-output';
import type { CommandHandler } from './command-handler';

const path = (id: string, action = '') => `/v1/deliveries/${encodeURIComponent(id)}${action}`;

export const listDeliveries: CommandHandler = async ({ options }, connection) => {
  const query = {
    subscriptionId: options.subscription,
    eventId: options.event,
    subject: options.subject,
    status: options.status,
    since: options.since,
    until: options.until,
    limit: options.limit,
    cursor: options.cursor,
  };
  const page = await configApi(connection).call<Page<DeliverySummary>>({ method: 'GET', path: '/v1/deliveries', query });
  return { json: page, human: deliveriesTable(page) };
};

export const showDelivery: CommandHandler = async ({ positionals: [id] }, connection) => {
  const delivery = await configApi(connection).call<DeliveryDetail>({ method: 'GET', path: path(id) });
  return { json: delivery, human: deliveryDetail(delivery) };
};

export const retryDelivery: CommandHandler = async ({ positionals: [id] }, connection) => {
  const queued = await configApi(connection).call<{ deliveryId: string; attempt: number }>({ method: 'POST', path: path(id, '/retry') });
  return { json: queued, human: `queued attempt ${queued.attempt} of delivery ${queued.deliveryId}` };
};

export const recoverDeliveries: CommandHandler = async ({ options }, connection) => {
  const body = { since: options.since, until: options.until, subscriptionId: options.subscription };
  const result = await configApi(connection).call<{ retried: number; skipped: Record<string, number> }>({ method: 'POST', path: '/v1/deliveries/recover', body });
  return { json: result, human: recoverSummary(result) };
};
