import { randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATION_EVENT_TYPES } from '@hookbus/contracts';
import { ProblemException } from '@hookbus/platform';
import { PLUGIN_CATALOG, type PluginCatalog, VALIDATION_CONTEXT, type ValidationContext } from '../subscriptions/config-tokens';
import { notFound } from '../tenants/tenants.service';
import { NotificationChannel } from './notification-channel.entity';
import { NotificationLink } from './notification-link.entity';
import { NotificationLinkSync } from './notification-link-sync';
import { channelInputSchema, channelPatchSchema, parseOrThrow } from './notification.schemas';

const PAGE_LIMIT = 100;

type ChannelFields = Pick<NotificationChannel, 'name' | 'url' | 'retryPolicy'>;

/** A tenant's postback channels. Changing or deleting one carries over to every link's subscription. */
@Injectable()
export class NotificationChannelsService {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(PLUGIN_CATALOG) private readonly catalog: PluginCatalog,
    @Inject(VALIDATION_CONTEXT) private readonly context: ValidationContext,
    @Inject(NotificationLinkSync) private readonly links: NotificationLinkSync,
  ) {}

  async create(tenantId: string, input: unknown): Promise<NotificationChannel> {
    const { name, url, retryPolicy } = parseOrThrow(channelInputSchema, input);
    const channel = this.em.create(NotificationChannel, {
      id: `chn_${randomBytes(10).toString('hex')}`,
      tenantId,
      ...this.checked(name, url, retryPolicy),
    });
    await this.em.flush();
    return channel;
  }

  async list(tenantId: string, cursor?: string): Promise<{ items: NotificationChannel[]; next?: string }> {
    const rows = await this.em.find(
      NotificationChannel,
      { tenantId, ...(cursor ? { id: { $gt: cursor } } : {}) },
      { orderBy: { id: 'asc' }, limit: PAGE_LIMIT + 1 },
    );
    const items = rows.slice(0, PAGE_LIMIT);
    return rows.length > PAGE_LIMIT ? { items, next: items[items.length - 1].id } : { items };
  }

  /** Another tenant's channel is reported missing (404). */
  async get(tenantId: string, id: string): Promise<NotificationChannel> {
    const channel = await this.em.findOne(NotificationChannel, { id, tenantId });
    if (!channel) throw notFound(`Channel ${id}`);
    return channel;
  }

  async update(tenantId: string, id: string, patch: unknown): Promise<NotificationChannel> {
    const channel = await this.get(tenantId, id);
    const fields = parseOrThrow(channelPatchSchema, patch);
    const retryPolicy = fields.retryPolicy === undefined ? channel.retryPolicy : fields.retryPolicy;
    // Checked in full before anything is written, so no link's subscription can refuse the change.
    Object.assign(channel, this.checked(fields.name ?? channel.name, fields.url === undefined ? channel.url : fields.url, retryPolicy));
    channel.updatedAt = new Date();
    await this.em.flush();
    const enabled = await this.links.enabledEvents(tenantId);
    for (const link of await this.em.find(NotificationLink, { tenantId, channelId: id })) {
      await this.links.sync(link, channel, enabled.has(link.eventType));
    }
    return channel;
  }

  async remove(tenantId: string, id: string): Promise<void> {
    const channel = await this.get(tenantId, id);
    for (const link of await this.em.find(NotificationLink, { tenantId, channelId: id })) {
      await this.links.unlink(link);
      this.em.remove(link);
    }
    this.em.remove(channel);
    await this.em.flush();
  }

  /**
   * A channel's url and retry policy obey the postback plugin's rules (http(s) URL, egress
   * allow-list, at most 3 retries…): checked by the catalog as a postback subscription would be.
   */
  private checked(name: string, url: unknown, retryPolicy: unknown): ChannelFields {
    // null (a stored channel without one, or a PATCH dropping it) means the plugin's default delays.
    const probe = { plugin: 'postback', hook: NOTIFICATION_EVENT_TYPES[0], url, ...(retryPolicy == null ? {} : { retryPolicy }) };
    const result = this.catalog.validate(probe, this.context);
    if (!result.ok) throw ProblemException.invalid(result.issues);
    const policy = result.value.retryPolicy;
    return { name, url: result.value.url, retryPolicy: policy && { delaysSeconds: [...policy.delaysSeconds] } };
  }
}
