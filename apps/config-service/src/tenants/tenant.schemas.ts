import { z } from 'zod';
import { API_KEY_ROLES } from '@hookbus/contracts';
import { decodeCursor } from '../deliveries/delivery-cursor';
import { listOf } from '../page.schemas';

export const createTenantSchema = z.strictObject({ name: z.string().trim().min(1).max(200) });

export const createApiKeySchema = z.strictObject({
  roles: z.array(z.enum(API_KEY_ROLES)).min(1).refine((roles) => new Set(roles).size === roles.length, 'roles must not repeat'),
});

export const MAX_TENANTS_PAGE = 200;
export const DEFAULT_TENANTS_PAGE = 50;

// An empty query parameter (`?cursor=`) means "not given", as a form would send it.
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** `GET /v1/tenants` query: `cursor` (the previous page's `next`) and `limit`. */
export const listTenantsQuery = z.object({
  cursor: optional(
    z.string().transform((value, context) => {
      const cursor = decodeCursor(value);
      if (!cursor) context.addIssue({ code: 'custom', message: 'must be the `next` value of a previous page' });
      return cursor ?? z.NEVER;
    }),
  ),
  limit: optional(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.int().min(1, 'must be at least 1').max(MAX_TENANTS_PAGE, `must be at most ${MAX_TENANTS_PAGE}`)),
  ),
});

export type ListTenantsQuery = z.output<typeof listTenantsQuery>;

/** `GET /v1/tenants` answer. */
export const tenantPageSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.iso.datetime() })),
  next: z.string().optional(),
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
