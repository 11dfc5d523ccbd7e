import { z } from 'zod';
import { API_KEY_ROLES } from './api-key';

/**
 * `hookbus.api-keys.v1` (compacted, keyed by key id): the public view of an API key, from which
 * ingest-service authenticates producers without reading config-service's database. Never the
 * secret: its SHA-256 only. A tombstone (null value) means the key is gone.
 */
export const apiKeyRecordV1 = z.object({
  keyId: z.string().min(1),
  tenantId: z.string().min(1),
  roles: z.array(z.enum(API_KEY_ROLES)),
  secretSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'),
  revokedAt: z.iso.datetime().optional(),
});

export type ApiKeyRecordV1 = z.output<typeof apiKeyRecordV1>;
