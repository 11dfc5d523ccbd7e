import { SentNotification } from './notifications/sent-notification.entity';
import { NotificationWindow } from './storm/notification-window.entity';

/** Everything notifier-service stores (its own database). */
export const NOTIFIER_ENTITIES = [SentNotification, NotificationWindow];
