import { z } from 'zod';
import { API_KEY_ROLES } from '@hookbus/contracts';

export const createTenantSchema = z.strictObject({ name: z.string().trim().min(1).max(200) });

export const createApiKeySchema = z.strictObject({
  roles: z.array(z.enum(API_KEY_ROLES)).min(1).refine((roles) => new Set(roles).size === roles.length, 'roles must not repeat'),
});
