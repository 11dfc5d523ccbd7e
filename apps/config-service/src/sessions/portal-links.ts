import { EntityManager } from '@mikro-orm/core';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ProblemException } from '@hookbus/platform';
import type { Principal } from '../auth/principal';
import { TenantsService } from '../tenants/tenants.service';
import { portalLinkUrl } from './console-url';
import { PortalLink } from './portal-link.entity';
import { rolesBeyondGrant } from './portal-roles';
import { newSecretToken, tokenSha256 } from './secret-token';
import type { PortalSessionRequest } from './sessions.schemas';

/** How long a portal link can be exchanged: long enough to open an e-mail or a chat message. */
export const PORTAL_LINK_SECONDS = 600;

export const PORTAL_LINK_SPENT = 'This portal link has expired or was already used.';

/** One-time links that open the console for a tenant with chosen roles, without sharing a key. */
@Injectable()
export class PortalLinks {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(TenantsService) private readonly tenants: TenantsService,
  ) {}

  /** The operator for any tenant; a tenant admin for its own (another tenant is missing, 404), never beyond its roles. */
  async create(principal: Principal, request: PortalSessionRequest, consoleUrl: string, now = new Date()): Promise<{ url: string; expiresAt: string }> {
    await this.tenants.get(principal, request.tenantId);
    const beyond = rolesBeyondGrant(principal, request.roles);
    if (beyond.length > 0) throw new ProblemException(HttpStatus.FORBIDDEN, 'Forbidden', 'A portal link cannot grant a role its maker does not hold.', beyond);
    const token = newSecretToken();
    const expiresAt = new Date(now.getTime() + PORTAL_LINK_SECONDS * 1000);
    await this.em.nativeDelete(PortalLink, { expiresAt: { $lte: now } });
    this.em.create(PortalLink, {
      tokenSha256: tokenSha256(token),
      tenantId: request.tenantId,
      roles: request.roles,
      sessionSeconds: request.ttlSeconds,
      keyId: principal.kind === 'tenant' ? principal.keyId : undefined,
      expiresAt,
      createdAt: now,
    });
    await this.em.flush();
    return { url: portalLinkUrl(consoleUrl, token), expiresAt: expiresAt.toISOString() };
  }

  /**
   * Spends the link: one conditional UPDATE, so of two concurrent exchanges only one sees a row
   * change. Answers who the session it opens is, and for how long.
   */
  async redeem(token: string, now = new Date()): Promise<{ principal: Principal; seconds: number }> {
    const em = this.em.fork();
    const id = tokenSha256(token);
    const spent = await em.nativeUpdate(PortalLink, { tokenSha256: id, usedAt: null, expiresAt: { $gt: now } }, { usedAt: now });
    const link = spent === 1 ? await em.findOne(PortalLink, { tokenSha256: id }) : null;
    if (!link) throw new ProblemException(HttpStatus.UNAUTHORIZED, 'Unauthorized', PORTAL_LINK_SPENT);
    return {
      principal: { kind: 'tenant', tenantId: link.tenantId, ...(link.keyId ? { keyId: link.keyId } : {}), roles: link.roles },
      seconds: link.sessionSeconds,
    };
  }
}
