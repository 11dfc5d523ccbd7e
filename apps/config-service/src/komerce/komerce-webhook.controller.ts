import { Body, Controller, HttpStatus, Inject, Put, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { ApiJsonBody, ApiJsonResponse, ApiProblemResponses, ZodValidationPipe } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { tenantOf } from '../auth/tenant-of';
import { toView } from '../subscriptions/subscription-view';
import { type SubscriptionView, subscriptionView, subscriptionWithSecretView } from '../subscriptions/subscription.schemas';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';

const registrationSchema = z.strictObject({ url: z.string() });

/**
 * Komerce's own registration call: `PUT /webhook {"url"}` registers the tenant's shipment-status
 * URL, or replaces it. It is a komerce/order-status subscription like any other (the plugin's rules
 * apply, e.g. HTTPS), so it can also be managed through /v1/subscriptions.
 */
@ApiTags('komerce')
@ApiBearerAuth()
@ApiProblemResponses(401, 403)
@Controller('webhook')
@UseGuards(AuthGuard)
@Allow('admin', 'setup')
export class KomerceWebhookController {
  constructor(@Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService) {}

  @ApiJsonBody(registrationSchema)
  @ApiJsonResponse(HttpStatus.OK, subscriptionView, 'The tenant’s komerce/order-status subscription, its URL replaced.')
  @ApiJsonResponse(HttpStatus.CREATED, subscriptionWithSecretView, 'A new komerce/order-status subscription, with its signing secret shown this once.')
  @ApiProblemResponses(400)
  @Put()
  async register(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(registrationSchema)) { url }: z.output<typeof registrationSchema>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubscriptionView | z.output<typeof subscriptionWithSecretView>> {
    const tenantId = tenantOf(principal);
    const [registered] = await this.subscriptions.findByRoute(tenantId, 'komerce', 'order-status');
    if (registered) return toView(await this.subscriptions.update(tenantId, registered.id, { url }));
    const { subscription, signingSecret } = await this.subscriptions.create(tenantId, { plugin: 'komerce', hook: 'order-status', url });
    response.status(201);
    return { ...toView(subscription), signingSecret };
  }
}
