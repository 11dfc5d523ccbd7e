import path from 'node:path';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { createMailSender, MailTemplates } from '@hookbus/mail';
import { DatabaseReadiness, PersistenceModule } from '@hookbus/persistence';
import { PlatformModule } from '@hookbus/platform';
import { NotificationMails } from './mail/notification-mails';
import { NOTIFIER_MIGRATIONS } from './migrations/0001-notifier';
import { NotificationLedger } from './notifications/notification-ledger';
import { NotificationConsumer } from './notifications/notification.consumer';
import { NotificationHandler } from './notifications/notification.handler';
import { NOTIFIER_ENTITIES } from './notifier-entities';
import type { NotifierEnv } from './notifier-env';
import { MAIL_SENDER, STORM_SETTINGS, type StormSettings } from './notifier-tokens';
import { DigestLedger } from './storm/digest-ledger';
import { DigestScheduler } from './storm/digest.scheduler';

/** Beside this file in src/ (tests) and in dist/ (the build copies the .hbs files). */
export const TEMPLATES_DIR = path.join(__dirname, 'templates');

@Module({})
export class NotifierModule {
  static forRoot(env: NotifierEnv): DynamicModule {
    const storm: StormSettings = {
      maxPerWindow: env.NOTIFY_MAX_PER_WINDOW,
      windowSeconds: env.NOTIFY_WINDOW_SECONDS,
      digestItems: env.NOTIFY_DIGEST_ITEMS,
      digestPollMs: env.NOTIFY_DIGEST_POLL_MS,
    };
    return {
      module: NotifierModule,
      imports: [
        PlatformModule.forRoot({ name: 'notifier-service', env, readiness: [DatabaseReadiness] }),
        PersistenceModule.forRoot({ name: 'notifier-service', url: env.DATABASE_URL, entities: NOTIFIER_ENTITIES, migrations: NOTIFIER_MIGRATIONS }),
      ],
      controllers: [NotificationConsumer],
      providers: [
        { provide: STORM_SETTINGS, useValue: storm },
        {
          provide: MAIL_SENDER,
          useFactory: () => {
            const sender = createMailSender({ smtpUrl: env.SMTP_URL, outboxDir: env.MAIL_OUTBOX_DIR });
            new Logger('notifier-service').log({ message: 'mail goes out through', sender: sender.description });
            return sender;
          },
        },
        // Loaded and checked at boot: a broken template fails the start, not the first e-mail.
        {
          provide: NotificationMails,
          useFactory: async () => new NotificationMails(await MailTemplates.load(TEMPLATES_DIR), { from: env.MAIL_FROM, consoleUrl: env.HOOKBUS_CONSOLE_URL }),
        },
        NotificationLedger,
        NotificationHandler,
        DigestLedger,
        DigestScheduler,
      ],
    };
  }
}
