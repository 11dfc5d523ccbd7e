import { z } from 'zod';
import { API_KEY_ROLES } from '@hookbus/contracts';
import { decodeCursor } from '../deliveries/delivery-cursor';

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
