import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { ApiJsonBody, ApiJsonResponse, ApiNoContent, ApiProblemResponses } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { NotificationEventsService } from './notification-events.service';
import { eventTogglesSchema, linkSchema, linkView, notificationEventList } from './notification.schemas';
import { tenantOf } from '../auth/tenant-of';

/** `/v1/notification-events`: the 10 toggles, and links of channels to events. */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiProblemResponses(401, 403)
@Controller('v1/notification-events')
@UseGuards(AuthGuard)
@Allow('admin', 'setup')
export class NotificationEventsController {
  constructor(@Inject(NotificationEventsService) private readonly events: NotificationEventsService) {}

  @ApiJsonResponse(HttpStatus.OK, notificationEventList, 'The 10 notification events: each one’s toggle and linked channels.')
  @Get()
  async list(@CurrentPrincipal() principal: Principal): Promise<z.output<typeof notificationEventList>> {
    return { items: await this.events.list(tenantOf(principal)) };
  }

  @ApiJsonBody(eventTogglesSchema)
  @ApiJsonResponse(HttpStatus.OK, notificationEventList, 'The 10 notification events after the change.')
  @ApiProblemResponses(400)
  @Put()
  async toggle(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<z.output<typeof notificationEventList>> {
    return { items: await this.events.toggle(tenantOf(principal), body) };
  }

  @ApiJsonBody(linkSchema)
  @ApiJsonResponse(HttpStatus.OK, linkView, 'The link, delivered through its own postback subscription.')
  @ApiProblemResponses(400, 404, 409)
  @Put(':type/channels/:channelId')
  link(
    @CurrentPrincipal() principal: Principal,
    @Param('type') type: string,
    @Param('channelId') channelId: string,
    @Body() body: unknown,
  ): Promise<z.output<typeof linkView>> {
    return this.events.link(tenantOf(principal), type, channelId, body);
  }

  @ApiNoContent('Unlinked; the link’s subscription is deleted.')
  @ApiProblemResponses(404)
  @Delete(':type/channels/:channelId')
  @HttpCode(HttpStatus.NO_CONTENT)
  unlink(@CurrentPrincipal() principal: Principal, @Param('type') type: string, @Param('channelId') channelId: string): Promise<void> {
    return this.events.unlink(tenantOf(principal), type, channelId);
  }
}
