import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { ApiJsonBody, ApiJsonQuery, ApiJsonResponse, ApiProblemResponses, ZodValidationPipe } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { tenantOf } from '../auth/tenant-of';
import {
  deliveryDetailView,
  deliveryPage,
  type ListDeliveriesQuery,
  listDeliveriesQuery,
  type RecoverWindow,
  recoverView,
  recoverWindow,
  retryView,
} from './deliveries.schemas';
import { DeliveriesService } from './deliveries.service';
import { DeliveryRetrier } from './delivery-retrier';
import { toDeliveryDetail, toDeliverySummary } from './delivery-view';

/** The delivery log: what was sent for each event to each subscription, attempt by attempt. */
@ApiTags('deliveries')
@ApiBearerAuth()
@ApiProblemResponses(401, 403)
@Controller('v1/deliveries')
@UseGuards(AuthGuard)
@Allow('admin', 'setup')
export class DeliveriesController {
  constructor(
    @Inject(DeliveriesService) private readonly deliveries: DeliveriesService,
    @Inject(DeliveryRetrier) private readonly retrier: DeliveryRetrier,
  ) {}

  @ApiJsonQuery(listDeliveriesQuery)
  @ApiJsonResponse(HttpStatus.OK, deliveryPage, 'The tenant’s deliveries, newest first.')
  @ApiProblemResponses(400)
  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(listDeliveriesQuery)) query: ListDeliveriesQuery,
  ): Promise<z.output<typeof deliveryPage>> {
    const { items, next } = await this.deliveries.list(tenantOf(principal), query);
    return { items: items.map(toDeliverySummary), next };
  }

  /** The delivery with its attempts, and whether `POST :id/retry` would take it now (`retry.reason` when not). */
  @ApiJsonResponse(HttpStatus.OK, deliveryDetailView, 'The delivery with every attempt, its request and response, and whether a manual retry would be taken now.')
  @ApiProblemResponses(404)
  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<z.output<typeof deliveryDetailView>> {
    const { delivery, attempts } = await this.deliveries.get(tenantOf(principal), id);
    return toDeliveryDetail(delivery, attempts, await this.retrier.permission(delivery));
  }

  /** Sends a failed (or stuck retrying) delivery again as its next attempt (202: queued; the log shows the outcome). */
  @ApiJsonResponse(HttpStatus.ACCEPTED, retryView, 'Queued as its next attempt; the log shows the outcome.')
  @ApiProblemResponses(404, 409)
  @Post(':id/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  retry(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<z.output<typeof retryView>> {
    return this.retrier.retry(tenantOf(principal), id);
  }

  /** Retries every failed (or stuck retrying) delivery whose first attempt falls in the window. */
  @ApiJsonBody(recoverWindow, 'The window of first attempts, `[since, until)`, and optionally one subscription.')
  @ApiJsonResponse(HttpStatus.ACCEPTED, recoverView, 'Every retryable delivery of the window is queued again; the others are counted by reason.')
  @ApiProblemResponses(400)
  @Post('recover')
  @HttpCode(HttpStatus.ACCEPTED)
  recover(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(recoverWindow)) window: RecoverWindow,
  ): Promise<z.output<typeof recoverView>> {
    return this.retrier.recover(tenantOf(principal), window);
  }
}
