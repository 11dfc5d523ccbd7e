import { randomBytes } from 'node:crypto';
import type { SubscriptionSnapshotV1 } from '@hookbus/contracts';
import { SecretBox } from '@hookbus/platform';
import { activeSigningSecrets } from './plain-subscription';

const box = new SecretBox(randomBytes(32));
const snapshotWith = (signingSecrets: SubscriptionSnapshotV1['signingSecrets']) => ({ signingSecrets }) as SubscriptionSnapshotV1;

describe('activeSigningSecrets', () => {
  const rotation = snapshotWith([
    { secret: box.encrypt('whsec_new') },
    { secret: box.encrypt('whsec_old'), expiresAt: '2026-01-02T00:00:00.000Z' },
  ]);

  it('signs with the previous secret too until it expires', () => {
    expect(activeSigningSecrets(box, rotation, new Date('2026-01-01T23:59:59.999Z'))).toEqual(['whsec_new', 'whsec_old']);
  });

  it('drops the previous secret once it has expired, on the same opened snapshot', () => {
    expect(activeSigningSecrets(box, rotation, new Date('2026-01-01T12:00:00.000Z'))).toEqual(['whsec_new', 'whsec_old']);
    expect(activeSigningSecrets(box, rotation, new Date('2026-01-02T00:00:00.000Z'))).toEqual(['whsec_new']);
  });
});
