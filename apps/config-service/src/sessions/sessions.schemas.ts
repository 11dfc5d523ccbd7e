import { z } from 'zod';
import { API_KEY_ROLES } from '@hookbus/contracts';
import { PORTAL_ROLES } from './portal-roles';

/** `POST /v1/sessions`: sign in with a key (an API key or the operator token), or exchange a portal link's token. */
export const signInSchema = z
  .strictObject({
    key: z.string().min(1).max(512).optional(),
    portalToken: z.string().min(1).max(128).optional(),
  })
  .superRefine(({ key, portalToken }, context) => {
    if (key === undefined && portalToken === undefined) {
      context.addIssue({ code: 'custom', path: ['key'], message: 'send `key` (an API key or the operator token) or `portalToken`' });
    } else if (key !== undefined && portalToken !== undefined) {
      context.addIssue({ code: 'custom', path: ['portalToken'], message: 'send either `key` or `portalToken`, not both' });
    }
  });

export type SignIn = z.output<typeof signInSchema>;

export const DEFAULT_PORTAL_SESSION_SECONDS = 3600;

/** `POST /v1/portal-sessions`: a one-time link to the console for `tenantId` with `roles`. */
export const portalSessionSchema = z.strictObject({
  tenantId: z.string().min(1).max(40),
  roles: z
    .array(z.enum(PORTAL_ROLES))
    .min(1)
    .refine((roles) => new Set(roles).size === roles.length, 'roles must not repeat'),
  /** How long the session the link opens lasts. */
  ttlSeconds: z.int().min(60, 'must be at least 60').max(43_200, 'must be at most 43200 (12 h)').default(DEFAULT_PORTAL_SESSION_SECONDS),
});

export type PortalSessionRequest = z.output<typeof portalSessionSchema>;

/** `GET /v1/sessions/current`: who is signed in; `expiresAt` when by session cookie. */
export const currentSessionSchema = z.object({
  kind: z.enum(['operator', 'tenant']),
  tenantId: z.string().optional(),
  tenantName: z.string().optional(),
  roles: z.array(z.enum(API_KEY_ROLES)),
  expiresAt: z.iso.datetime().optional(),
});

export type CurrentSession = z.output<typeof currentSessionSchema>;

/** `POST /v1/portal-sessions` answer: the one-time link and when it stops working. */
export const portalLinkSchema = z.object({ url: z.url(), expiresAt: z.iso.datetime() });
