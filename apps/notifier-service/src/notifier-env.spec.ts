import { EnvValidationError, loadEnv } from '@hookbus/platform';
import { notifierEnvSchema } from './notifier-env';

describe('notifierEnvSchema', () => {
  it('defaults to the outbox, its own SQLite file and group, and 3 e-mails per hour per subscription', () => {
    const env = loadEnv(notifierEnvSchema, {});
    expect(env.SMTP_URL).toBeUndefined();
    expect(env).toMatchObject({
      PORT: 3005,
      DATABASE_URL: '.data/notifier-service.sqlite',
      KAFKA_GROUP_ID: 'hookbus-notifier-service',
      MAIL_OUTBOX_DIR: '.data/outbox',
      NOTIFY_MAX_PER_WINDOW: 3,
      NOTIFY_WINDOW_SECONDS: 3600,
      HOOKBUS_CONSOLE_URL: 'http://localhost:3001/console/',
    });
  });

  it('takes the console URL only with its trailing slash', () => {
    expect(loadEnv(notifierEnvSchema, { HOOKBUS_CONSOLE_URL: 'https://hookbus.example.com/console/' }).HOOKBUS_CONSOLE_URL).toBe('https://hookbus.example.com/console/');
    expect(() => loadEnv(notifierEnvSchema, { HOOKBUS_CONSOLE_URL: 'https://hookbus.example.com/console' })).toThrow(/HOOKBUS_CONSOLE_URL: must end with '\/'/);
    expect(() => loadEnv(notifierEnvSchema, { HOOKBUS_CONSOLE_URL: 'ftp://hookbus.example.com/' })).toThrow(/HOOKBUS_CONSOLE_URL: must be an http/);
  });

  it('reads an empty SMTP_URL as unset (the outbox)', () => {
    expect(loadEnv(notifierEnvSchema, { SMTP_URL: '' }).SMTP_URL).toBeUndefined();
  });

  it('accepts smtp:// and smtps:// URLs with credentials', () => {
    expect(loadEnv(notifierEnvSchema, { SMTP_URL: 'smtps://user:secret@mail.example.com:465' }).SMTP_URL).toBe('smtps://user:secret@mail.example.com:465');
  });

  it('names every bad variable and hides a password', () => {
    const load = () =>
      loadEnv(notifierEnvSchema, { SMTP_URL: 'https://user:secret@mail', NOTIFY_MAX_PER_WINDOW: '0', NOTIFY_WINDOW_SECONDS: 'soon', MAIL_FROM: 'nobody' });
    expect(load).toThrow(EnvValidationError);
    try {
      load();
    } catch (error) {
      const { problems } = error as EnvValidationError;
      expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['MAIL_FROM', 'NOTIFY_MAX_PER_WINDOW', 'NOTIFY_WINDOW_SECONDS', 'SMTP_URL']);
      expect(problems.join('\n')).not.toContain('secret');
    }
  });

  it('keeps the ledger 30 days by default, and never less than the notifications topic keeps a message', () => {
    expect(loadEnv(notifierEnvSchema, {}).NOTIFICATION_RETENTION_DAYS).toBe(30);
    expect(loadEnv(notifierEnvSchema, { NOTIFICATION_RETENTION_DAYS: '8' }).NOTIFICATION_RETENTION_DAYS).toBe(8);
    expect(() => loadEnv(notifierEnvSchema, { NOTIFICATION_RETENTION_DAYS: '7' })).toThrow(/NOTIFICATION_RETENTION_DAYS: must be at least 8/);
    expect(() => loadEnv(notifierEnvSchema, { NOTIFICATION_RETENTION_DAYS: '0' })).toThrow(/NOTIFICATION_RETENTION_DAYS/);
  });
});
