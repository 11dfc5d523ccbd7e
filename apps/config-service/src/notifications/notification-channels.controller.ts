import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { ApiJsonBody, ApiJsonQuery, ApiJsonResponse, ApiNoContent, ApiProblemResponses, ZodValidationPipe } from '@hookbus/platform';
import { Allow } from '../auth/allow.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { toChannelView } from './notification-channel-view';
import { NotificationChannelsService } from './notification-channels.service';
import { type ChannelView, channelInputSchema, channelPage, channelPatchSchema, channelView } from './notification.schemas';
import { tenantOf } from '../auth/tenant-of';
import { type CursorQuery, cursorQuery } from '../page.schemas';

/** `/v1/channels`: postback URLs that notification events are linked to. */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiProblemResponses(401, 403)
@Controller('v1/channels')
@UseGuards(AuthGuard)
@Allow('admin', 'setup')
export class NotificationChannelsController {
  constructor(@Inject(NotificationChannelsService) private readonly channels: NotificationChannelsService) {}

  @ApiJsonBody(channelInputSchema)
  @ApiJsonResponse(HttpStatus.CREATED, channelView, 'The new channel.')
  @ApiProblemResponses(400)
  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<ChannelView> {
    return toChannelView(await this.channels.create(tenantOf(principal), body));
  }

  @ApiJsonQuery(cursorQuery)
  @ApiJsonResponse(HttpStatus.OK, channelPage, 'The tenant’s channels by id, 100 a page.')
  @ApiProblemResponses(400)
  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(cursorQuery)) { cursor }: CursorQuery,
  ): Promise<z.output<typeof channelPage>> {
    const { items, next } = await this.channels.list(tenantOf(principal), cursor);
    return { items: items.map(toChannelView), next };
  }

  @ApiJsonResponse(HttpStatus.OK, channelView, 'The channel.')
  @ApiProblemResponses(404)
  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ChannelView> {
    return toChannelView(await this.channels.get(tenantOf(principal), id));
  }

  @ApiJsonBody(channelPatchSchema)
  @ApiJsonResponse(HttpStatus.OK, channelView, 'The channel as changed; every link’s subscription follows it.')
  @ApiProblemResponses(400, 404)
  @Patch(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<ChannelView> {
    return toChannelView(await this.channels.update(tenantOf(principal), id, body));
  }

  @ApiNoContent('Deleted, with its links and their subscriptions.')
  @ApiProblemResponses(404)
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.channels.remove(tenantOf(principal), id);
  }
}
