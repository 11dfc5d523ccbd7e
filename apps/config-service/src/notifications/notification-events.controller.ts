import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiJsonBody } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { NotificationEventsService } from './notification-events.service';
import { eventTogglesSchema, linkSchema } from './notification.schemas';
import { tenantOf } from '../auth/tenant-of';

/** `/v1/notification-events`: the 10 toggles, and links of channels to events. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/notification-events')
@UseGuards(AuthGuard)
@Allow('admin', 'setup')
export class NotificationEventsController {
  constructor(@Inject(NotificationEventsService) private readonly events: NotificationEventsService) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal) {
    return { items: await this.events.list(tenantOf(principal)) };
  }

  @ApiJsonBody(eventTogglesSchema)
  @Put()
  async toggle(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return { items: await this.events.toggle(tenantOf(principal), body) };
  }

  @ApiJsonBody(linkSchema)
  @Put(':type/channels/:channelId')
  link(
    @CurrentPrincipal() principal: Principal,
    @Param('type') type: string,
    @Param('channelId') channelId: string,
    @Body() body: unknown,
  ) {
    return this.events.link(tenantOf(principal), type, channelId, body);
  }

  @Delete(':type/channels/:channelId')
  @HttpCode(HttpStatus.NO_CONTENT)
  unlink(@CurrentPrincipal() principal: Principal, @Param('type') type: string, @Param('channelId') channelId: string) {
    return this.events.unlink(tenantOf(principal), type, channelId);
  }
}
