import { createCipheriv, randomBytes } from 'node:crypto';
import { sealedFieldContext } from '@hookbus/contracts';
import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { SecretBox } from '@hookbus/platform';
import { CONFIG_MIGRATIONS } from '../migrations/0001-control-plane';
import { SubscriptionActiveSince0005 } from '../migrations/0005-subscription-active-since';
import { SubscriptionResealer } from './subscription-resealer';
import { sealAuth, sealSigningSecret } from './subscription-secrets';
import { Subscription } from './subscription.entity';

const MIGRATIONS = [...CONFIG_MIGRATIONS, { name: '0005-subscription-active-since', class: SubscriptionActiveSince0005 }];

// What config-service stored before key ids and contexts: `enc:v1:<iv>.<tag>.<data>`.
function sealV1(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `enc:v1:${[iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url')).join('.')}`;
}

describe('SubscriptionResealer on SQLite', () => {
  const keyA = randomBytes(32);
  const underA = new SecretBox(keyA);
  const rotated = new SecretBox(randomBytes(32), [keyA]);
  let db: OpenDatabase;

  beforeEach(async () => {
    db = await openDatabase({ url: ':memory:', entities: [Subscription], migrations: MIGRATIONS });
  });
  afterEach(() => db.close());

  async function insert(id: string, auth: Subscription['auth'], secrets: string[], extra: Partial<Subscription> = {}): Promise<void> {
    const em = db.orm.em.fork();
    em.create(Subscription, {
      id, tenantId: 'tnt_1', plugin: 'komet', hook: 'order-confirmation', url: 'https://erp.example.com/hook', method: 'POST', enabled: true,
      auth, errorEmails: [], settings: {}, signingSecrets: secrets.map((secret) => ({ secret, createdAt: '2026-01-01T00:00:00.000Z' })),
      version: 3, publishedVersion: 3, ...extra,
    });
    await em.flush();
  }
  const row = (id: string) => db.orm.em.fork().findOneOrFail(Subscription, { id });
  const signing = (id: string) => sealedFieldContext(id, 'signingSecret');

  it('seals again under the current key what a previous key or the enc:v1: form sealed, and bumps the version', async () => {
    await insert('sub_a', sealAuth(underA, 'sub_a', { type: 'basic', username: 'erp', password: 'pw-a' }), [
      sealSigningSecret(underA, 'sub_a', 'whsec_new'),
      sealSigningSecret(underA, 'sub_a', 'whsec_old'),
    ]);
    await insert('sub_v1', { type: 'token', token: sealV1(keyA, 'tok-v1') }, [sealV1(keyA, 'whsec_v1')]);

    await new SubscriptionResealer(db.orm.em, rotated).onModuleInit();

    const a = await row('sub_a');
    expect(a).toMatchObject({ version: 4, publishedVersion: 3 });
    expect(a.auth).toMatchObject({ type: 'basic', username: 'erp' });
    const password = (a.auth as { password: string }).password;
    expect(rotated.isCurrent(password)).toBe(true);
    expect(rotated.decrypt(password, sealedFieldContext('sub_a', 'auth.password'))).toBe('pw-a');
    expect(a.signingSecrets.map(({ secret }) => rotated.decrypt(secret, signing('sub_a')))).toEqual(['whsec_new', 'whsec_old']);
    expect(a.signingSecrets.every(({ secret }) => rotated.isCurrent(secret))).toBe(true);

    const v1 = await row('sub_v1');
    expect(v1.version).toBe(4);
    expect(rotated.decrypt((v1.auth as { token: string }).token, sealedFieldContext('sub_v1', 'auth.token'))).toBe('tok-v1');
    expect(rotated.decrypt(v1.signingSecrets[0].secret, signing('sub_v1'))).toBe('whsec_v1');
  });

  it('leaves alone what the current key sealed and deleted subscriptions', async () => {
    const current = sealSigningSecret(rotated, 'sub_now', 'whsec_now');
    await insert('sub_now', { type: 'none' }, [current]);
    await insert('sub_gone', { type: 'none' }, [sealV1(keyA, 'whsec_gone')], { deletedAt: new Date() });

    await new SubscriptionResealer(db.orm.em, rotated).onModuleInit();

    expect(await row('sub_now')).toMatchObject({ version: 3, signingSecrets: [{ secret: current }] });
    expect((await row('sub_gone')).version).toBe(3);
  });

  it('stops the start, naming the subscription and the variable, when no configured key opens a secret', async () => {
    await insert('sub_lost', { type: 'none' }, [sealSigningSecret(new SecretBox(randomBytes(32)), 'sub_lost', 'whsec_x')]);

    await expect(new SubscriptionResealer(db.orm.em, rotated).onModuleInit()).rejects.toThrow(
      /^subscription sub_lost: the value is sealed under key [\w-]{8}, which is not one of the configured keys .*HOOKBUS_SECRET_KEY_PREVIOUS$/,
    );
  });
});
