import { randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ProblemException } from '@hookbus/platform';
import { formatApiKey, hashSecret, newKeyId, newKeySecret } from '../auth/api-key-secret';
import { canAccessTenant, type Principal, type Role } from '../auth/principal';
import { ApiKey } from './api-key.entity';
import { Tenant } from './tenant.entity';

export const notFound = (what: string) => new ProblemException(HttpStatus.NOT_FOUND, 'Not Found', `${what} does not exist.`);

@Injectable()
export class TenantsService {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  async create(name: string): Promise<Tenant> {
    const tenant = this.em.create(Tenant, { id: `tnt_${randomBytes(8).toString('hex')}`, name });
    await this.em.persistAndFlush(tenant);
    return tenant;
  }

  /** Another tenant's data is reported missing (404), never forbidden: its existence is not disclosed. */
  async get(principal: Principal, id: string): Promise<Tenant> {
    const tenant = canAccessTenant(principal, id) ? await this.em.findOne(Tenant, { id }) : null;
    if (!tenant) throw notFound(`Tenant ${id}`);
    return tenant;
  }

  /** Creates a key; the returned `key` is the only time its secret is ever shown. */
  async createApiKey(principal: Principal, tenantId: string, roles: Role[]): Promise<{ id: string; key: string; roles: Role[] }> {
    await this.get(principal, tenantId);
    const id = newKeyId();
    const secret = newKeySecret();
    this.em.create(ApiKey, { id, tenantId, secretHash: hashSecret(secret), roles });
    await this.em.flush();
    return { id, key: formatApiKey(id, secret), roles };
  }

  async listApiKeys(principal: Principal, tenantId: string): Promise<ApiKey[]> {
    await this.get(principal, tenantId);
    return this.em.find(ApiKey, { tenantId }, { orderBy: { createdAt: 'asc' } });
  }

  async revokeApiKey(principal: Principal, tenantId: string, keyId: string): Promise<void> {
    await this.get(principal, tenantId);
    const key = await this.em.findOne(ApiKey, { id: keyId, tenantId });
    if (!key) throw notFound(`API key ${keyId}`);
    key.revokedAt ??= new Date();
    await this.em.flush();
  }
}
