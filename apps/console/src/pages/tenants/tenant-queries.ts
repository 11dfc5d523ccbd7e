import { api, type Answer, unwrap } from '../../api/client';

export type TenantSummary = Answer<'/v1/tenants', 'get'>['items'][number];
export type ApiKeySummary = Answer<'/v1/tenants/{id}/api-keys', 'get'>['items'][number];

export const TENANTS_KEY = ['tenants'] as const;
export const tenantKey = (id: string) => ['tenant', id] as const;
export const apiKeysKey = (tenantId: string) => ['tenant', tenantId, 'api-keys'] as const;

/** One page of `GET /v1/tenants`, from `cursor` (the previous page's `next`). */
export const tenantsPage = (cursor: string | undefined) => unwrap(api.GET('/v1/tenants', { params: { query: cursor ? { cursor } : {} } }));

export const tenant = (id: string) => unwrap(api.GET('/v1/tenants/{id}', { params: { path: { id } } }));

export const apiKeys = (tenantId: string) => unwrap(api.GET('/v1/tenants/{id}/api-keys', { params: { path: { id: tenantId } } }));
