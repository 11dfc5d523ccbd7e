import { randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ProblemException } from '@hookbus/platform';
import { encodeCursor } from '../deliveries/delivery-cursor';
import { formatApiKey, hashKeySecret, newKeyId, newKeySecret } from '@hookbus/contracts';
import { canAccessTenant, type Principal, type Role } from '../auth/principal';
import { ApiKeyPublisher } from './api-key-publisher';
import { ApiKey } from './api-key.entity';
import { type ListTenantsQuery, DEFAULT_TENANTS_PAGE } from './tenant.schemas';
import { Tenant } from './tenant.entity';

export const notFound = (what: string) => new ProblemException(HttpStatus.NOT_FOUND, 'Not Found', `${what} does not exist.`);

@Injectable()
export class TenantsService {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(ApiKeyPublisher) private readonly publisher: ApiKeyPublisher,
  ) {}

  async create(name: string): Promise<Tenant> {
    const tenant = this.em.create(Tenant, { id: `tnt_${randomBytes(8).toString('hex')}`, name });
    await this.em.persistAndFlush(tenant);
    return tenant;
  }

  /** Every tenant, newest first (`createdAt`, then `id`, both descending), keyset-paginated: the operator's list. */
  async list({ cursor, limit = DEFAULT_TENANTS_PAGE }: ListTenantsQuery): Promise<{ items: Tenant[]; next?: string }> {
    const where = cursor ? { $or: [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { $lt: cursor.id } }] } : {};
    const rows = await this.em.find(Tenant, where, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: limit + 1 });
    const items = rows.slice(0, limit);
    return rows.length > limit ? { items, next: encodeCursor(items[items.length - 1]) } : { items };
  }

  /** Another tenant's data is reported missing (404), never forbidden: its existence is not disclosed. */
  async get(principal: Principal, id: string): Promise<Tenant> {
    const tenant = canAccessTenant(principal, id) ? await this.em.findOne(Tenant, { id }) : null;
    if (!tenant) throw notFound(`Tenant ${id}`);
    return tenant;
  }

  /** Creates a key; the returned `key` is the only time its secret is ever shown. Ingest-service knows it once published. */
  async createApiKey(principal: Principal, tenantId: string, roles: Role[]): Promise<{ id: string; key: string; roles: Role[] }> {
    await this.get(principal, tenantId);
    const id = newKeyId();
    const secret = newKeySecret();
    const key = this.em.create(ApiKey, { id, tenantId, secretHash: hashKeySecret(secret), roles });
    await this.em.flush();
    await this.publisher.publish([key]);
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
    if (key.revokedAt) return;
    key.revokedAt = new Date();
    key.version += 1;
    await this.em.flush();
    await this.publisher.publish([key]);
  }
}
