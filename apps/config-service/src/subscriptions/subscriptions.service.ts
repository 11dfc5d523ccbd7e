import { randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Validated } from '@hookbus/contracts';
import type { Subscription as SubscriptionConfig } from '@hookbus/delivery-sdk';
import { ProblemException, SecretBox } from '@hookbus/platform';
import { notFound } from '../tenants/tenants.service';
import { PLUGIN_CATALOG, type PluginCatalog, SECRET_BOX, VALIDATION_CONTEXT, type ValidationContext } from './config-tokens';
import { SubscriptionPublisher } from './subscription-publisher';
import { newSigningSecret, sealAuth, sealSigningSecret, unsealAuth } from './subscription-secrets';
import { Subscription } from './subscription.entity';

const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
const PAGE_LIMIT = 100;

/**
 * Subscriptions of one tenant: every write is validated by the plugin's own rules, stored with
 * its secrets encrypted, and published to the compacted topic before the request answers.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(PLUGIN_CATALOG) private readonly catalog: PluginCatalog,
    @Inject(VALIDATION_CONTEXT) private readonly context: ValidationContext,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(SubscriptionPublisher) private readonly publisher: SubscriptionPublisher,
  ) {}

  /** Returns the stored subscription and its signing secret, shown this once. */
  async create(tenantId: string, input: unknown): Promise<{ subscription: Subscription; signingSecret: string }> {
    const config = this.validOrThrow(this.catalog.validate(input, this.context));
    const signingSecret = newSigningSecret();
    const now = new Date();
    const id = `sub_${randomBytes(10).toString('hex')}`;
    const subscription = this.em.create(Subscription, {
      id,
      tenantId,
      ...this.sealed(id, config),
      signingSecrets: [{ secret: sealSigningSecret(this.box, id, signingSecret), createdAt: now.toISOString() }],
      createdAt: now,
      updatedAt: now,
    });
    await this.em.flush();
    await this.publisher.publish([subscription]);
    return { subscription, signingSecret };
  }

  async list(tenantId: string, cursor?: string): Promise<{ items: Subscription[]; next?: string }> {
    const rows = await this.em.find(
      Subscription,
      { tenantId, deletedAt: null, ...(cursor ? { id: { $gt: cursor } } : {}) },
      { orderBy: { id: 'asc' }, limit: PAGE_LIMIT + 1 },
    );
    const items = rows.slice(0, PAGE_LIMIT);
    return rows.length > PAGE_LIMIT ? { items, next: items[items.length - 1].id } : { items };
  }

  /** Another tenant's subscription is reported missing (404). */
  async get(tenantId: string, id: string): Promise<Subscription> {
    const subscription = await this.em.findOne(Subscription, { id, tenantId, deletedAt: null });
    if (!subscription) throw notFound(`Subscription ${id}`);
    return subscription;
  }

  /** The tenant's live subscriptions of one plugin hook, oldest first. */
  findByRoute(tenantId: string, plugin: string, hook: string): Promise<Subscription[]> {
    return this.em.find(Subscription, { tenantId, plugin, hook, deletedAt: null }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async update(tenantId: string, id: string, patch: unknown): Promise<Subscription> {
    const subscription = await this.get(tenantId, id);
    const config = this.validOrThrow(this.catalog.validatePatch(this.plainConfig(subscription), patch, this.context));
    const wasEnabled = subscription.enabled;
    Object.assign(subscription, this.sealed(id, config));
    // Re-enabling a subscription that was disabled (e.g. by 410 Gone) resumes deliveries.
    // Only failures from then on count toward deactivating it again.
    if (config.enabled && !wasEnabled) Object.assign(subscription, { status: 'active', disabledReason: null, activeSince: new Date() });
    return this.saveAndPublish(subscription);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    const subscription = await this.get(tenantId, id);
    subscription.deletedAt = new Date();
    await this.saveAndPublish(subscription);
  }

  /** A new signing secret; the previous one stays valid (signed alongside) for 24 hours. */
  async rotateSecret(tenantId: string, id: string): Promise<{ subscription: Subscription; signingSecret: string }> {
    const subscription = await this.get(tenantId, id);
    const now = new Date();
    const signingSecret = newSigningSecret();
    const previous = subscription.signingSecrets.filter(({ expiresAt }) => !expiresAt || new Date(expiresAt) > now);
    const expiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString();
    subscription.signingSecrets = [
      { secret: sealSigningSecret(this.box, id, signingSecret), createdAt: now.toISOString() },
      ...previous.map((secret) => ({ ...secret, expiresAt: secret.expiresAt ?? expiresAt })),
    ];
    return { subscription: await this.saveAndPublish(subscription), signingSecret };
  }

  private async saveAndPublish(subscription: Subscription): Promise<Subscription> {
    subscription.version += 1;
    subscription.updatedAt = new Date();
    await this.em.flush();
    await this.publisher.publish([subscription]);
    return subscription;
  }

  private sealed(id: string, config: SubscriptionConfig) {
    const { auth, retryPolicy, rateLimit, ...rest } = config;
    return {
      ...rest,
      auth: sealAuth(this.box, id, auth),
      // Explicitly undefined when absent, so a PATCH that drops them clears the stored ones.
      retryPolicy: retryPolicy && { delaysSeconds: [...retryPolicy.delaysSeconds] },
      rateLimit: rateLimit && { perSecond: rateLimit.perSecond },
    };
  }

  private plainConfig(subscription: Subscription): SubscriptionConfig {
    const { plugin, hook, url, method, enabled, errorEmails, settings, retryPolicy, rateLimit } = subscription;
    return {
      plugin, hook, url, method: method as SubscriptionConfig['method'], enabled, errorEmails, settings,
      auth: unsealAuth(this.box, subscription.id, subscription.auth),
      ...(retryPolicy ? { retryPolicy } : {}),
      ...(rateLimit ? { rateLimit } : {}),
    };
  }

  private validOrThrow<T>(result: Validated<T>): T {
    if (!result.ok) throw ProblemException.invalid(result.issues);
    return result.value;
  }
}
