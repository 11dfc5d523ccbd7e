import { z } from 'zod';
import { databaseEnv } from '@hookbus/persistence';
import { BACKGROUND_NICE, baseUrlVar, commonEnv, intVar } from '@hookbus/platform';

export const notifierEnvSchema = z.object({
  ...commonEnv(3005, BACKGROUND_NICE),
  ...databaseEnv('.data/notifier-service.sqlite'),
  KAFKA_GROUP_ID: z.string().min(1).default('hookbus-notifier-service'),
  /** Where mail goes: `smtp://user:pass@host:587` or `smtps://…`; unset writes `.eml` files to MAIL_OUTBOX_DIR. */
  SMTP_URL: z.preprocess(
    // `SMTP_URL=` (set but empty, as compose files often leave it) means "no server", like unset.
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .regex(/^smtps?:\/\/[^/\s?]+\/?(?:\?\S*)?$/i, 'must be an SMTP URL like smtp://user:password@host:587 or smtps://host:465')
      .optional(),
  ),
  MAIL_OUTBOX_DIR: z.string().min(1).default('.data/outbox'),
  MAIL_FROM: z.string().regex(/^(?:[^<>]*<)?[^@\s<>]+@[^@\s<>]+>?$/, 'must be an address, optionally with a name: hookbus <notify@example.com>').default('hookbus <notifications@hookbus.local>'),
  /** The console, which error e-mails link to (`<url>deliveries/<id>`): its address as the recipients reach it. */
  HOOKBUS_CONSOLE_URL: baseUrlVar().default('http://localhost:3001/console/'),
  /** Individual e-mails per subscription per window; further notifications wait for the window's digest. */
  NOTIFY_MAX_PER_WINDOW: intVar(1, 1_000, 3),
  NOTIFY_WINDOW_SECONDS: intVar(1, 7 * 24 * 3600, 3600),
  /** How many suppressed notifications a digest lists one by one (it always gives the total). */
  NOTIFY_DIGEST_ITEMS: intVar(1, 200, 20),
  /** How often closed windows are looked for, to send their digests. */
  NOTIFY_DIGEST_POLL_MS: intVar(100, 600_000, 10_000),
  /**
   * Days the ledger keeps a handled notification (and a closed storm window). At least 8: longer
   * than `hookbus.notifications.v1` keeps a message, so a redelivery is always recognised.
   */
  NOTIFICATION_RETENTION_DAYS: intVar(8, 3_650, 30),
});

export type NotifierEnv = z.output<typeof notifierEnvSchema>;
