import { randomBytes } from 'node:crypto';
import { sealedFieldContext, type SubscriptionSnapshotV1 } from '@hookbus/contracts';
import type { DeliverablePlugin } from '@hookbus/delivery-sdk';
import { SecretBox } from '@hookbus/platform';
import { z } from 'zod';
import { activeSigningSecrets, plainSubscription } from './plain-subscription';

const box = new SecretBox(randomBytes(32));
const signing = (id: string, secret: string) => box.encrypt(secret, sealedFieldContext(id, 'signingSecret'));
const snapshotWith = (signingSecrets: SubscriptionSnapshotV1['signingSecrets'], id = 'sub_1') => ({ id, signingSecrets }) as SubscriptionSnapshotV1;
const plugin = { settingsSchema: z.object({}) } as unknown as DeliverablePlugin;

describe('activeSigningSecrets', () => {
  const rotation = snapshotWith([
    { secret: signing('sub_1', 'whsec_new') },
    { secret: signing('sub_1', 'whsec_old'), expiresAt: '2026-01-02T00:00:00.000Z' },
  ]);

  it('signs with the previous secret too until it expires', () => {
    expect(activeSigningSecrets(box, rotation, new Date('2026-01-01T23:59:59.999Z'))).toEqual(['whsec_new', 'whsec_old']);
  });

  it('drops the previous secret once it has expired, on the same opened snapshot', () => {
    expect(activeSigningSecrets(box, rotation, new Date('2026-01-01T12:00:00.000Z'))).toEqual(['whsec_new', 'whsec_old']);
    expect(activeSigningSecrets(box, rotation, new Date('2026-01-02T00:00:00.000Z'))).toEqual(['whsec_new']);
  });

  it('does not open a signing secret copied from another subscription', () => {
    expect(() => activeSigningSecrets(box, snapshotWith([{ secret: signing('sub_2', 'whsec_other') }]), new Date())).toThrow('does not open');
  });
});

describe('plainSubscription', () => {
  const snapshot = (id: string, auth: SubscriptionSnapshotV1['auth']) =>
    ({ id, plugin: 'komet', hook: 'h', url: 'https://erp.example.com', method: 'POST', enabled: true, auth, errorEmails: [], settings: {} }) as unknown as SubscriptionSnapshotV1;

  it('opens the auth secret sealed for this subscription', () => {
    const token = box.encrypt('tok', sealedFieldContext('sub_1', 'auth.token'));
    expect(plainSubscription(box, snapshot('sub_1', { type: 'bearer', token }), plugin).auth).toEqual({ type: 'bearer', token: 'tok' });
  });

  it('does not open an auth secret copied from another subscription or from a signing secret', () => {
    const fromOther = box.encrypt('tok', sealedFieldContext('sub_2', 'auth.token'));
    expect(() => plainSubscription(box, snapshot('sub_1', { type: 'token', token: fromOther }), plugin)).toThrow('does not open');
    expect(() => plainSubscription(box, snapshot('sub_1', { type: 'basic', username: 'u', password: signing('sub_1', 'whsec_x') }), plugin)).toThrow('does not open');
  });
});
