import path from 'node:path';
import { EntityManager } from '@mikro-orm/core';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { createMailSender, MailTemplates } from '@hookbus/mail';
import { BatchedPruner, DatabaseReadiness, PersistenceModule } from '@hookbus/persistence';
import { PlatformModule } from '@hookbus/platform';
import { countingSendFailures } from './mail/counting-mail-sender';
import { NotificationMails } from './mail/notification-mails';
import { NOTIFIER_MIGRATIONS } from './migrations/0001-notifier';
import { NotificationLedger } from './notifications/notification-ledger';
import { NotificationLedgerPruning } from './notifications/notification-ledger-pruning';
import { NotificationConsumer } from './notifications/notification.consumer';
import { NotificationHandler } from './notifications/notification.handler';
import { NOTIFIER_ENTITIES } from './notifier-entities';
import type { NotifierEnv } from './notifier-env';
import { ledgerPruned } from './notifier-metrics';
import { MAIL_SENDER, STORM_SETTINGS, type StormSettings } from './notifier-tokens';
import { AwaitingDigestMetrics } from './storm/awaiting-digest.metrics';
import { DigestLedger } from './storm/digest-ledger';
import { DigestScheduler } from './storm/digest.scheduler';

/** Beside this file in src/ (tests) and in dist/ (the build copies the .hbs files). */
export const TEMPLATES_DIR = path.join(__dirname, 'templates');

const DAY_MS = 24 * 60 * 60 * 1000;
// Nest runs its timer (bootstrap, shutdown); nothing injects it.
const LEDGER_PRUNER = Symbol('LEDGER_PRUNER');

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
            const sender = countingSendFailures(createMailSender({ smtpUrl: env.SMTP_URL, outboxDir: env.MAIL_OUTBOX_DIR }));
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
        AwaitingDigestMetrics,
        {
          provide: LEDGER_PRUNER,
          inject: [EntityManager],
          useFactory: (em: EntityManager) =>
            new BatchedPruner({
              name: 'notification ledger',
              retentionMs: env.NOTIFICATION_RETENTION_DAYS * DAY_MS,
              prune: new NotificationLedgerPruning(em).pruneBatch,
              onPruned: (count) => ledgerPruned.inc(count),
            }),
        },
      ],
    };
  }
}
