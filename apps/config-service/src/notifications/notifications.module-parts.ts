import { Notifications0002 } from '../migrations/0002-notifications';
import { NotificationChannel } from './notification-channel.entity';
import { NotificationChannelsController } from './notification-channels.controller';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationEventState } from './notification-event-state.entity';
import { NotificationEventsController } from './notification-events.controller';
import { NotificationEventsService } from './notification-events.service';
import { NotificationLink } from './notification-link.entity';
import { NotificationLinkSync } from './notification-link-sync';

// Spread into ConfigModule: the services need SubscriptionsService, PLUGIN_CATALOG and
// VALIDATION_CONTEXT from there, so they live in the same module rather than one of their own.
export const NOTIFICATION_ENTITIES = [NotificationEventState, NotificationChannel, NotificationLink];
export const NOTIFICATION_CONTROLLERS = [NotificationEventsController, NotificationChannelsController];
export const NOTIFICATION_PROVIDERS = [NotificationLinkSync, NotificationChannelsService, NotificationEventsService];
export const NOTIFICATION_MIGRATION = { name: '0002-notifications', class: Notifications0002 };
