import { z } from 'zod';
import { ROLES } from '../auth/principal';

export const createTenantSchema = z.strictObject({ name: z.string().trim().min(1).max(200) });

export const createApiKeySchema = z.strictObject({
  roles: z.array(z.enum(ROLES)).min(1).refine((roles) => new Set(roles).size === roles.length, 'roles must not repeat'),
});
