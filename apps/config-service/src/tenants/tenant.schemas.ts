import { z } from 'zod';
import { API_KEY_ROLES } from '@hookbus/contracts';
import { listOf } from '../page.schemas';

export const createTenantSchema = z.strictObject({ name: z.string().trim().min(1).max(200) });

export const createApiKeySchema = z.strictObject({
  roles: z.array(z.enum(API_KEY_ROLES)).min(1).refine((roles) => new Set(roles).size === roles.length, 'roles must not repeat'),
});

export const tenantView = z.strictObject({ id: z.string(), name: z.string() });

const roles = z.array(z.enum(API_KEY_ROLES));

/** `POST /v1/tenants/:id/api-keys`: the only answer that shows the key. */
export const createdApiKeyView = z.strictObject({
  id: z.string(),
  key: z.string().describe('The API key to send as `Authorization: Bearer <key>`; shown only in this answer.'),
  roles,
});

/** An API key as lists show it: never its secret. */
export const apiKeyView = z.strictObject({
  id: z.string(),
  roles,
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable().describe('When it was revoked; null while it is valid.'),
});

/** `GET /v1/tenants/:id/api-keys`: revoked keys included, oldest first. */
export const apiKeyList = listOf(apiKeyView);
