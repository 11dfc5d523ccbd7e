import { configApi } from '../connection';
import type { CommandHandler } from './command-handler';

export const createTenant: CommandHandler = async ({ options }, connection) => {
  const tenant = await configApi(connection).call<{ id: string; name: string }>({ method: 'POST', path: '/v1/tenants', body: { name: options.name } });
  return { json: tenant, human: `created tenant ${tenant.id} (${tenant.name})` };
};
