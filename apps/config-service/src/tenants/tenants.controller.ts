import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { ApiJsonBody, ApiJsonResponse, ZodValidationPipe } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { createApiKeySchema, createTenantSchema, type ListTenantsQuery, listTenantsQuery, DEFAULT_TENANTS_PAGE, MAX_TENANTS_PAGE, tenantPageSchema } from './tenant.schemas';
import { TenantsService } from './tenants.service';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('v1/tenants')
@UseGuards(AuthGuard)
export class TenantsController {
  constructor(@Inject(TenantsService) private readonly tenants: TenantsService) {}

  @ApiJsonBody(createTenantSchema)
  @Post()
  @Allow('operator')
  async create(@Body(new ZodValidationPipe(createTenantSchema)) body: z.output<typeof createTenantSchema>) {
    const { id, name } = await this.tenants.create(body.name);
    return { id, name };
  }

  /** Every tenant, newest first, a page at a time (`?limit=`, `?cursor=` from the previous page's `next`). */
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_TENANTS_PAGE, default: DEFAULT_TENANTS_PAGE } })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' }, description: 'the `next` of the previous page' })
  @ApiJsonResponse(200, tenantPageSchema)
  @Get()
  @Allow('operator')
  async list(@Query(new ZodValidationPipe(listTenantsQuery)) query: ListTenantsQuery) {
    const { items, next } = await this.tenants.list(query);
    return { items: items.map(({ id, name, createdAt }) => ({ id, name, createdAt })), ...(next ? { next } : {}) };
  }

  @Get(':id')
  @Allow('operator', 'admin', 'setup')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { name } = await this.tenants.get(principal, id);
    return { id, name };
  }

  @ApiJsonBody(createApiKeySchema)
  @Post(':id/api-keys')
  @Allow('operator', 'admin')
  createApiKey(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(createApiKeySchema)) body: z.output<typeof createApiKeySchema>,
  ) {
    return this.tenants.createApiKey(principal, id, body.roles);
  }

  @Get(':id/api-keys')
  @Allow('operator', 'admin')
  async listApiKeys(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const keys = await this.tenants.listApiKeys(principal, id);
    return { items: keys.map(({ id: keyId, roles, createdAt, revokedAt }) => ({ id: keyId, roles, createdAt, revokedAt })) };
  }

  @Delete(':id/api-keys/:keyId')
  @Allow('operator', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  revokeApiKey(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('keyId') keyId: string) {
    return this.tenants.revokeApiKey(principal, id, keyId);
  }
}
