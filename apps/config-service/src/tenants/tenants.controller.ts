import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { ApiJsonBody, ApiJsonQuery, ApiJsonResponse, ApiNoContent, ApiProblemResponses, ZodValidationPipe } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { apiKeyList, createApiKeySchema, createdApiKeyView, createTenantSchema, type ListTenantsQuery, listTenantsQuery, tenantPageSchema, tenantView } from './tenant.schemas';
import { TenantsService } from './tenants.service';

type TenantView = z.output<typeof tenantView>;

@ApiTags('tenants')
@ApiBearerAuth()
@ApiProblemResponses(401, 403)
@Controller('v1/tenants')
@UseGuards(AuthGuard)
export class TenantsController {
  constructor(@Inject(TenantsService) private readonly tenants: TenantsService) {}

  @ApiJsonBody(createTenantSchema)
  @ApiJsonResponse(HttpStatus.CREATED, tenantView, 'The new tenant.')
  @ApiProblemResponses(400)
  @Post()
  @Allow('operator')
  async create(@Body(new ZodValidationPipe(createTenantSchema)) body: z.output<typeof createTenantSchema>): Promise<TenantView> {
    const { id, name } = await this.tenants.create(body.name);
    return { id, name };
  }

  /** Every tenant, newest first, a page at a time (`?limit=`, `?cursor=` from the previous page's `next`). */
  @ApiJsonQuery(listTenantsQuery)
  @ApiJsonResponse(HttpStatus.OK, tenantPageSchema)
  @ApiProblemResponses(400)
  @Get()
  @Allow('operator')
  async list(@Query(new ZodValidationPipe(listTenantsQuery)) query: ListTenantsQuery) {
    const { items, next } = await this.tenants.list(query);
    return { items: items.map(({ id, name, createdAt }) => ({ id, name, createdAt })), ...(next ? { next } : {}) };
  }

  @ApiJsonResponse(HttpStatus.OK, tenantView, 'The tenant.')
  @ApiProblemResponses(404)
  @Get(':id')
  @Allow('operator', 'admin', 'setup')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TenantView> {
    const { name } = await this.tenants.get(principal, id);
    return { id, name };
  }

  @ApiJsonBody(createApiKeySchema)
  @ApiJsonResponse(HttpStatus.CREATED, createdApiKeyView, 'The new key; `key` is shown only here.')
  @ApiProblemResponses(400, 404)
  @Post(':id/api-keys')
  @Allow('operator', 'admin')
  createApiKey(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(createApiKeySchema)) body: z.output<typeof createApiKeySchema>,
  ): Promise<z.output<typeof createdApiKeyView>> {
    return this.tenants.createApiKey(principal, id, body.roles);
  }

  @ApiJsonResponse(HttpStatus.OK, apiKeyList, 'The tenant’s keys, revoked ones included, oldest first.')
  @ApiProblemResponses(404)
  @Get(':id/api-keys')
  @Allow('operator', 'admin')
  async listApiKeys(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<z.output<typeof apiKeyList>> {
    const keys = await this.tenants.listApiKeys(principal, id);
    return {
      items: keys.map((key) => ({ id: key.id, roles: key.roles, createdAt: key.createdAt.toISOString(), revokedAt: key.revokedAt?.toISOString() ?? null })),
    };
  }

  @ApiNoContent('Revoked (or already revoked); ingest-service refuses the key within seconds.')
  @ApiProblemResponses(404)
  @Delete(':id/api-keys/:keyId')
  @Allow('operator', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  revokeApiKey(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('keyId') keyId: string): Promise<void> {
    return this.tenants.revokeApiKey(principal, id, keyId);
  }
}
