import { Controller, Get, HttpStatus, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiJsonResponse, ApiProblemResponses, ZodValidationPipe } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { tenantOf } from '../auth/tenant-of';
import { DeliveryStatsService } from './delivery-stats.service';
import {
  DEFAULT_FAILING_SUBSCRIPTIONS,
  type DeliveryStatsQuery,
  deliveryStatsQuery,
  deliveryStatsResponse,
  type FailingSubscriptionsQuery,
  failingSubscriptionsQuery,
  failingSubscriptionsResponse,
  MAX_FAILING_SUBSCRIPTIONS,
} from './stats.schemas';
import { BUCKETS, MAX_BUCKETS } from './stats-window';

const dateTime = { type: 'string', format: 'date-time' } as const;
const ApiSince = (fallback: string) =>
  ApiQuery({ name: 'since', required: false, schema: dateTime, description: `Start of the window, included (ISO 8601 with a zone; default: ${fallback}).` });
const ApiUntil = () => ApiQuery({ name: 'until', required: false, schema: dateTime, description: 'End of the window, excluded (default: now).' });

/** Charts of the caller's delivery log for the console: counts per hour or day, failing subscriptions. */
@ApiTags('stats')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 403)
@Controller('v1/stats')
@UseGuards(AuthGuard)
@Allow('admin', 'setup')
export class StatsController {
  constructor(@Inject(DeliveryStatsService) private readonly stats: DeliveryStatsService) {}

  /** Deliveries created in each bucket of the window, by their status now; every bucket present, oldest first. */
  @Get('deliveries')
  @ApiSince('until − 24 h for bucket=hour, until − 7 days for bucket=day')
  @ApiUntil()
  @ApiQuery({ name: 'bucket', required: false, enum: BUCKETS, description: `Bucket size, in UTC (default hour; at most ${MAX_BUCKETS} buckets).` })
  @ApiQuery({ name: 'subscriptionId', required: false, type: String, description: "Only this subscription's deliveries." })
  @ApiJsonResponse(HttpStatus.OK, deliveryStatsResponse)
  deliveries(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(deliveryStatsQuery())) query: DeliveryStatsQuery) {
    return this.stats.deliveries(tenantOf(principal), query);
  }

  /** The subscriptions with the most deliveries of the window that ended failed or abandoned, most first. */
  @Get('failing-subscriptions')
  @ApiSince('until − 24 h')
  @ApiUntil()
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_FAILING_SUBSCRIPTIONS, default: DEFAULT_FAILING_SUBSCRIPTIONS },
  })
  @ApiJsonResponse(HttpStatus.OK, failingSubscriptionsResponse)
  failingSubscriptions(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(failingSubscriptionsQuery())) query: FailingSubscriptionsQuery,
  ) {
    return this.stats.failingSubscriptions(tenantOf(principal), query);
  }
}
