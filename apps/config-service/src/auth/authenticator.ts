import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { keySecretMatches, parseApiKey } from '@hookbus/contracts';
import { isOperatorToken, OPERATOR_TOKEN } from '@hookbus/platform';
import { ApiKey } from '../tenants/api-key.entity';
import type { Principal } from './principal';

/** Turns a bearer token into a principal, or undefined when it is neither the operator token nor a live key. */
@Injectable()
export class Authenticator {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(OPERATOR_TOKEN) private readonly operatorToken: string,
  ) {}

  async authenticate(token: string): Promise<Principal | undefined> {
    if (isOperatorToken(token, this.operatorToken)) return { kind: 'operator' };
    const parsed = parseApiKey(token);
    if (!parsed) return undefined;
    const key = await this.em.fork().findOne(ApiKey, { id: parsed.keyId, revokedAt: null });
    if (!key || !keySecretMatches(parsed.secret, key.secretHash)) return undefined;
    return { kind: 'tenant', tenantId: key.tenantId, keyId: key.id, roles: key.roles };
  }
}
