import { type DynamicModule, Module } from '@nestjs/common';
import { PluginCatalog } from '@hookbus/plugin-catalog';
import { PersistenceModule, DatabaseReadiness } from '@hookbus/persistence';
import { OperatorAuthModule, PlatformModule, type SecretBox } from '@hookbus/platform';
import { REGISTERED_PLUGINS } from '@hookbus/plugin-registry';
import { AuthGuard } from './auth/auth.guard';
import { Authenticator } from './auth/authenticator';
import type { ConfigEnv } from './config-env';
import {
  DELIVERY_LOG_CONTROLLERS,
  DELIVERY_LOG_ENTITIES,
  DELIVERY_LOG_MIGRATIONS,
  deliveryLogProviders,
} from './deliveries/deliveries.module-parts';
import { KomerceWebhookController } from './komerce/komerce-webhook.controller';
import { CONFIG_MIGRATIONS } from './migrations/0001-control-plane';
import { SubscriptionActiveSince0005 } from './migrations/0005-subscription-active-since';
import { ApiKeyOutbox0006 } from './migrations/0006-api-key-outbox';
import { SubscriptionRateLimit0008 } from './migrations/0008-subscription-rate-limit';
import {
  NOTIFICATION_CONTROLLERS,
  NOTIFICATION_ENTITIES,
  NOTIFICATION_MIGRATION,
  NOTIFICATION_PROVIDERS,
} from './notifications/notifications.module-parts';
import { PluginsController } from './plugins.controller';
import { QUARANTINE_CONTROLLERS, QUARANTINE_ENTITIES, QUARANTINE_MIGRATION, QUARANTINE_PROVIDERS } from './quarantine/quarantine.module-parts';
import { SESSION_CONTROLLERS, SESSION_ENTITIES, SESSION_MIGRATION, sessionProviders } from './sessions/sessions.module-parts';
import { DeliveryStatsService } from './stats/delivery-stats.service';
import { StatsController } from './stats/stats.controller';
import { PLUGIN_CATALOG, SECRET_BOX, VALIDATION_CONTEXT } from './subscriptions/config-tokens';
import { SubscriptionDeactivator } from './subscriptions/subscription-deactivator';
import { SubscriptionPublisher } from './subscriptions/subscription-publisher';
import { SubscriptionResealer } from './subscriptions/subscription-resealer';
import { Subscription } from './subscriptions/subscription.entity';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionTester } from './subscriptions/subscription-tester';
import { SubscriptionsService } from './subscriptions/subscriptions.service';
import { ConsumerLagMetrics } from './system/consumer-lag.metrics';
import { KafkaOverview } from './system/kafka-overview';
import { SystemController } from './system/system.controller';
import { SystemStatus } from './system/system-status';
import { SERVICE_URLS } from './system/system-tokens';
import { ApiKeyPublisher } from './tenants/api-key-publisher';
import { ApiKey } from './tenants/api-key.entity';
import { Tenant } from './tenants/tenant.entity';
import { TenantsController } from './tenants/tenants.controller';
import { TenantsService } from './tenants/tenants.service';

const LATER_MIGRATIONS = [
  { name: '0005-subscription-active-since', class: SubscriptionActiveSince0005 },
  { name: '0006-api-key-outbox', class: ApiKeyOutbox0006 },
  { name: '0008-subscription-rate-limit', class: SubscriptionRateLimit0008 },
];

/** Secrets config-service runs with, resolved at boot (from the environment or .data/). */
export interface ConfigSecrets {
  readonly operatorToken: string;
  readonly secretBox: SecretBox;
}

@Module({})
export class ConfigModule {
  static forRoot(env: ConfigEnv, secrets: ConfigSecrets): DynamicModule {
    return {
      module: ConfigModule,
      imports: [
        PlatformModule.forRoot({ name: 'config-service', env, readiness: [DatabaseReadiness] }),
        OperatorAuthModule.forRoot(secrets.operatorToken),
        PersistenceModule.forRoot({
          name: 'config-service',
          url: env.DATABASE_URL,
          entities: [Tenant, ApiKey, Subscription, ...NOTIFICATION_ENTITIES, ...DELIVERY_LOG_ENTITIES, ...SESSION_ENTITIES, ...QUARANTINE_ENTITIES],
          migrations: [...CONFIG_MIGRATIONS, NOTIFICATION_MIGRATION, ...DELIVERY_LOG_MIGRATIONS, ...LATER_MIGRATIONS, SESSION_MIGRATION, QUARANTINE_MIGRATION],
        }),
      ],
      controllers: [
        TenantsController,
        SubscriptionsController,
        KomerceWebhookController,
        PluginsController,
        ...NOTIFICATION_CONTROLLERS,
        ...DELIVERY_LOG_CONTROLLERS,
        ...SESSION_CONTROLLERS,
        StatsController,
        SystemController,
        ...QUARANTINE_CONTROLLERS,
      ],
      providers: [
        { provide: SECRET_BOX, useValue: secrets.secretBox },
        { provide: PLUGIN_CATALOG, useValue: new PluginCatalog(REGISTERED_PLUGINS.map(({ definition }) => definition)) },
        { provide: VALIDATION_CONTEXT, useValue: { egressAllow: env.HOOKBUS_EGRESS_ALLOW } },
        Authenticator,
        AuthGuard,
        TenantsService,
        ApiKeyPublisher,
        SubscriptionsService,
        SubscriptionPublisher,
        SubscriptionResealer,
        SubscriptionTester,
        SubscriptionDeactivator,
        ...NOTIFICATION_PROVIDERS,
        ...deliveryLogProviders(env.DELIVERY_LOG_RETENTION_DAYS),
        ...sessionProviders(env.HOOKBUS_CONSOLE_URL),
        DeliveryStatsService,
        { provide: SERVICE_URLS, useValue: env.HOOKBUS_SERVICE_URLS },
        KafkaOverview,
        SystemStatus,
        ConsumerLagMetrics,
        ...QUARANTINE_PROVIDERS,
      ],
    };
  }
}
