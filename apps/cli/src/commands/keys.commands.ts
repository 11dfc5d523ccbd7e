import { configApi } from '../connection';
import type { CommandHandler } from './command-handler';
import { listOption } from './json-input';

const keysOf = (tenant: string) => `/v1/tenants/${encodeURIComponent(tenant)}/api-keys`;

export const createKey: CommandHandler = async ({ options }, connection) => {
  const body = { roles: listOption(options.roles as string) };
  const key = await configApi(connection).call<{ id: string; key: string; roles: string[] }>({ method: 'POST', path: keysOf(options.tenant as string), body });
  return { json: key, human: `created key ${key.id} (${key.roles.join(', ')})\nkey (shown once): ${key.key}` };
};

export const revokeKey: CommandHandler = async ({ options, positionals: [keyId] }, connection) => {
  await configApi(connection).call({ method: 'DELETE', path: `${keysOf(options.tenant as string)}/${encodeURIComponent(keyId)}` });
  return { json: undefined, human: `revoked key ${keyId}` };
};
