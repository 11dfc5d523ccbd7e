import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { tenantOf } from '../auth/tenant-of';
import { type ListDeliveriesQuery, listDeliveriesQuery, type RecoverWindow, recoverWindow } from './deliveries.schemas';
import { DeliveriesService } from './deliveries.service';
import { DeliveryRetrier } from './delivery-retrier';
import { toDeliveryDetail, toDeliverySummary } from './delivery-view';

/** The delivery log: what was sent for each event to each subscription, attempt by attempt. */
@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('v1/deliveries')
@UseGuards(AuthGuard)
@Allow('admin', 'setup')
export class DeliveriesController {
  constructor(
    @Inject(DeliveriesService) private readonly deliveries: DeliveriesService,
    @Inject(DeliveryRetrier) private readonly retrier: DeliveryRetrier,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(listDeliveriesQuery)) query: ListDeliveriesQuery) {
    const { items, next } = await this.deliveries.list(tenantOf(principal), query);
    return { items: items.map(toDeliverySummary), ...(next ? { next } : {}) };
  }

  /** The delivery with its attempts, and whether `POST :id/retry` would take it now (`retry.reason` when not). */
  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { delivery, attempts } = await this.deliveries.get(tenantOf(principal), id);
    return { ...toDeliveryDetail(delivery, attempts), retry: await this.retrier.permission(delivery) };
  }

  /** Sends a failed (or stuck retrying) delivery again as its next attempt (202: queued; the log shows the outcome). */
  @Post(':id/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  retry(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.retrier.retry(tenantOf(principal), id);
  }

  /** Retries every failed (or stuck retrying) delivery whose first attempt falls in the window. */
  @Post('recover')
  @HttpCode(HttpStatus.ACCEPTED)
  recover(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(recoverWindow)) window: RecoverWindow) {
    return this.retrier.recover(tenantOf(principal), window);
  }
}
