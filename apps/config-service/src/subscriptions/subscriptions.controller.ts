import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { subscriptionInputSchema } from '@hookbus/delivery-sdk';
import { subscriptionPatchSchema } from '@hookbus/plugin-catalog';
import { ApiJsonBody, ApiJsonQuery, ApiJsonResponse, ApiNoContent, ApiProblemResponses, ZodValidationPipe } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { tenantOf } from '../auth/tenant-of';
import { type CursorQuery, cursorQuery } from '../page.schemas';
import { toView } from './subscription-view';
import {
  type SubscriptionView,
  subscriptionPage,
  subscriptionView,
  subscriptionWithSecretView,
  testDeliveryView,
} from './subscription.schemas';
import { SubscriptionTester } from './subscription-tester';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('subscriptions')
@ApiBearerAuth()
@ApiProblemResponses(401, 403)
@Controller('v1/subscriptions')
@UseGuards(AuthGuard)
@Allow('admin', 'setup')
export class SubscriptionsController {
  constructor(
    @Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService,
    @Inject(SubscriptionTester) private readonly tester: SubscriptionTester,
  ) {}

  @ApiJsonBody(subscriptionInputSchema, 'A subscription; `settings` follow the plugin (GET /v1/plugins).')
  @ApiJsonResponse(HttpStatus.CREATED, subscriptionWithSecretView, 'The subscription, with its signing secret shown this once.')
  @ApiProblemResponses(400)
  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<z.output<typeof subscriptionWithSecretView>> {
    const { subscription, signingSecret } = await this.subscriptions.create(tenantOf(principal), body);
    return { ...toView(subscription), signingSecret };
  }

  @ApiJsonQuery(cursorQuery)
  @ApiJsonResponse(HttpStatus.OK, subscriptionPage, 'The tenant’s subscriptions by id, 100 a page.')
  @ApiProblemResponses(400)
  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(cursorQuery)) { cursor }: CursorQuery,
  ): Promise<z.output<typeof subscriptionPage>> {
    const { items, next } = await this.subscriptions.list(tenantOf(principal), cursor);
    return { items: items.map(toView), next };
  }

  @ApiJsonResponse(HttpStatus.OK, subscriptionView, 'The subscription, secrets masked.')
  @ApiProblemResponses(404)
  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<SubscriptionView> {
    return toView(await this.subscriptions.get(tenantOf(principal), id));
  }

  @ApiJsonBody(subscriptionPatchSchema)
  @ApiJsonResponse(HttpStatus.OK, subscriptionView, 'The subscription as changed.')
  @ApiProblemResponses(400, 404)
  @Patch(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<SubscriptionView> {
    return toView(await this.subscriptions.update(tenantOf(principal), id, body));
  }

  @ApiNoContent('Deleted.')
  @ApiProblemResponses(404)
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.subscriptions.remove(tenantOf(principal), id);
  }

  @ApiJsonResponse(HttpStatus.OK, subscriptionWithSecretView, 'The new signing secret, shown this once; the previous one stays valid for 24 hours.')
  @ApiProblemResponses(404)
  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  async rotateSecret(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<z.output<typeof subscriptionWithSecretView>> {
    const { subscription, signingSecret } = await this.subscriptions.rotateSecret(tenantOf(principal), id);
    return { ...toView(subscription), signingSecret };
  }

  /** Sends a sample event to this subscription only; the attempt shows in /v1/deliveries. */
  @ApiJsonResponse(HttpStatus.ACCEPTED, testDeliveryView, 'The sample event is queued; its attempt shows in /v1/deliveries.')
  @ApiProblemResponses(404)
  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  async test(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<z.output<typeof testDeliveryView>> {
    return this.tester.send(await this.subscriptions.get(tenantOf(principal), id));
  }
}
