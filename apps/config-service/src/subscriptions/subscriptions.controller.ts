import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { subscriptionInputSchema, subscriptionPatchSchema } from '@hookbus/delivery-sdk';
import { ApiJsonBody } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { tenantOf } from '../auth/tenant-of';
import { toView } from './subscription-view';
import { SubscriptionTester } from './subscription-tester';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('v1/subscriptions')
@UseGuards(AuthGuard)
@Allow('admin', 'setup')
export class SubscriptionsController {
  constructor(
    @Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService,
    @Inject(SubscriptionTester) private readonly tester: SubscriptionTester,
  ) {}

  @ApiJsonBody(subscriptionInputSchema, 'A subscription; `settings` follow the plugin (GET /v1/plugins).')
  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { subscription, signingSecret } = await this.subscriptions.create(tenantOf(principal), body);
    return { ...toView(subscription), signingSecret };
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query('cursor') cursor?: string) {
    const { items, next } = await this.subscriptions.list(tenantOf(principal), cursor);
    return { items: items.map(toView), ...(next ? { next } : {}) };
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return toView(await this.subscriptions.get(tenantOf(principal), id));
  }

  @ApiJsonBody(subscriptionPatchSchema)
  @Patch(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return toView(await this.subscriptions.update(tenantOf(principal), id, body));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.subscriptions.remove(tenantOf(principal), id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  async rotateSecret(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { subscription, signingSecret } = await this.subscriptions.rotateSecret(tenantOf(principal), id);
    return { ...toView(subscription), signingSecret };
  }

  /** Sends a sample event to this subscription only; the attempt shows in /v1/deliveries. */
  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  async test(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.tester.send(await this.subscriptions.get(tenantOf(principal), id));
  }
}
