import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiJsonBody } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { toChannelView } from './notification-channel-view';
import { NotificationChannelsService } from './notification-channels.service';
import { channelInputSchema, channelPatchSchema } from './notification.schemas';
import { tenantOf } from '../auth/tenant-of';

/** `/v1/channels`: postback URLs that notification events are linked to. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/channels')
@UseGuards(AuthGuard)
@Allow('admin', 'setup')
export class NotificationChannelsController {
  constructor(@Inject(NotificationChannelsService) private readonly channels: NotificationChannelsService) {}

  @ApiJsonBody(channelInputSchema)
  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return toChannelView(await this.channels.create(tenantOf(principal), body));
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query('cursor') cursor?: string) {
    const { items, next } = await this.channels.list(tenantOf(principal), cursor);
    return { items: items.map(toChannelView), ...(next ? { next } : {}) };
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return toChannelView(await this.channels.get(tenantOf(principal), id));
  }

  @ApiJsonBody(channelPatchSchema)
  @Patch(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return toChannelView(await this.channels.update(tenantOf(principal), id, body));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.channels.remove(tenantOf(principal), id);
  }
}
