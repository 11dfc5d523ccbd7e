import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type EventType, NOTIFICATION_EVENT_TYPES, type NotificationEventType } from '@hookbus/contracts';
import { ProblemException } from '@hookbus/platform';
import type { z } from 'zod';
import { notFound } from '../tenants/tenants.service';
import { NotificationChannel } from './notification-channel.entity';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationEventState } from './notification-event-state.entity';
import { NotificationLink } from './notification-link.entity';
import { NotificationLinkSync } from './notification-link-sync';
import {
  eventTogglesSchema,
  isNotificationEvent,
  type linkView,
  linkSchema,
  type NotificationEventView,
  parseOrThrow,
} from './notification.schemas';

/** The tenant's 10 notification event toggles and the channel links under them. */
@Injectable()
export class NotificationEventsService {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(NotificationChannelsService) private readonly channels: NotificationChannelsService,
    @Inject(NotificationLinkSync) private readonly links: NotificationLinkSync,
  ) {}

  async list(tenantId: string): Promise<NotificationEventView[]> {
    const enabled = await this.links.enabledEvents(tenantId);
    const links = await this.em.find(NotificationLink, { tenantId }, { orderBy: { createdAt: 'asc', channelId: 'asc' } });
    return NOTIFICATION_EVENT_TYPES.map((type) => ({
      type,
      enabled: enabled.has(type),
      channels: links
        .filter((link) => link.eventType === type)
        .map(({ channelId, sources, subscriptionId }) => ({ channelId, sources, subscriptionId })),
    }));
  }

  /** Turns the named events on or off and enables or disables their links' subscriptions. */
  async toggle(tenantId: string, body: unknown): Promise<NotificationEventView[]> {
    const toggles = parseOrThrow(eventTogglesSchema, body);
    const states = await this.em.find(NotificationEventState, { tenantId });
    for (const [eventType, enabled] of toggles) {
      const state = states.find((row) => row.eventType === eventType);
      if (state) Object.assign(state, { enabled, updatedAt: new Date() });
      else this.em.create(NotificationEventState, { tenantId, eventType, enabled });
    }
    await this.em.flush();
    // Every link of a named event is brought in line, not only changed ones, so repeating a
    // request that failed half-way (Kafka down) completes it; unchanged subscriptions are skipped.
    if (toggles.size > 0) {
      const links = await this.em.find(NotificationLink, { tenantId, eventType: { $in: [...toggles.keys()] } });
      const channels = await this.channelsById(tenantId, links);
      for (const link of links) {
        const channel = channels.get(link.channelId);
        if (channel) await this.links.sync(link, channel, toggles.get(link.eventType as EventType) === true);
      }
    }
    return this.list(tenantId);
  }

  /** Links a channel to an event, or replaces the link's sources. */
  async link(tenantId: string, type: string, channelId: string, body: unknown): Promise<z.output<typeof linkView>> {
    this.assertEvent(type);
    const channel = await this.channels.get(tenantId, channelId);
    const { sources } = parseOrThrow(linkSchema, body);
    const enabled = (await this.links.enabledEvents(tenantId)).has(type);
    const existing = await this.em.findOne(NotificationLink, { tenantId, channelId, eventType: type });
    if (existing) {
      const { subscriptionId, signingSecret } = await this.links.sync({ ...existing, sources }, channel, enabled);
      Object.assign(existing, { sources, subscriptionId, updatedAt: new Date() });
      await this.em.flush();
      return { type, channelId, sources, enabled, subscriptionId, ...(signingSecret ? { signingSecret } : {}) };
    }
    // The subscription is created first: the catalog may refuse it, and then nothing is stored.
    const { subscriptionId, signingSecret } = await this.links.sync({ tenantId, eventType: type, sources }, channel, enabled);
    try {
      this.em.create(NotificationLink, { tenantId, channelId, eventType: type, sources, subscriptionId });
      await this.em.flush();
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      // A concurrent PUT linked it first: drop the subscription made here and let the caller retry.
      this.em.clear();
      await this.links.unlink({ tenantId, eventType: type, sources, subscriptionId });
      throw new ProblemException(HttpStatus.CONFLICT, 'Conflict', `Channel ${channelId} was linked to ${type} concurrently; retry.`);
    }
    return { type, channelId, sources, enabled, subscriptionId, signingSecret };
  }

  async unlink(tenantId: string, type: string, channelId: string): Promise<void> {
    this.assertEvent(type);
    await this.channels.get(tenantId, channelId);
    const link = await this.em.findOne(NotificationLink, { tenantId, channelId, eventType: type });
    if (!link) throw notFound(`A link of channel ${channelId} to ${type}`);
    await this.links.unlink(link);
    this.em.remove(link);
    await this.em.flush();
  }

  private assertEvent(type: string): asserts type is NotificationEventType {
    if (!isNotificationEvent(type)) throw notFound(`Notification event ${type}`);
  }

  private async channelsById(tenantId: string, links: NotificationLink[]): Promise<Map<string, NotificationChannel>> {
    const ids = [...new Set(links.map(({ channelId }) => channelId))];
    const rows = ids.length > 0 ? await this.em.find(NotificationChannel, { tenantId, id: { $in: ids } }) : [];
    return new Map(rows.map((channel) => [channel.id, channel]));
  }
}
