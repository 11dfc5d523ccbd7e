import type { IncomingHttpHeaders } from 'node:http';
import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { keySecretMatches, parseApiKey } from '@hookbus/contracts';
import { bearerToken, isOperatorToken, OPERATOR_TOKEN } from '@hookbus/platform';
import { ConsoleSessions } from '../sessions/console-sessions';
import { sessionTokenOf } from '../sessions/session-cookie';
import { ApiKey } from '../tenants/api-key.entity';
import type { Authentication } from './authentication';
import type { Principal } from './principal';

/** Turns a request's credentials into a principal: a bearer token, else the console's session cookie. */
@Injectable()
export class Authenticator {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(OPERATOR_TOKEN) private readonly operatorToken: string,
    @Inject(ConsoleSessions) private readonly sessions: ConsoleSessions,
  ) {}

  /** `Authorization: Bearer` wins over the cookie: a script's explicit credentials are what it means to use. */
  async authenticateRequest(headers: IncomingHttpHeaders): Promise<Authentication | undefined> {
    const token = bearerToken(headers.authorization);
    if (token !== undefined) {
      const principal = await this.authenticate(token);
      return principal && { principal, via: 'bearer' };
    }
    const sessionToken = sessionTokenOf(headers.cookie);
    const session = sessionToken === undefined ? undefined : await this.sessions.find(sessionToken);
    return session && { ...session, via: 'session' };
  }

  /** The operator token or a live API key as a principal; undefined when it is neither. */
  async authenticate(token: string): Promise<Principal | undefined> {
    if (isOperatorToken(token, this.operatorToken)) return { kind: 'operator' };
    const parsed = parseApiKey(token);
    if (!parsed) return undefined;
    const key = await this.em.fork().findOne(ApiKey, { id: parsed.keyId, revokedAt: null });
    if (!key || !keySecretMatches(parsed.secret, key.secretHash)) return undefined;
    return { kind: 'tenant', tenantId: key.tenantId, keyId: key.id, roles: key.roles };
  }
}
