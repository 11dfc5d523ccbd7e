import { sealedFieldContext, subscriptionSnapshotV1 } from './subscription-snapshot';

const snapshot = (token: string) => ({
  id: 'sub_1',
  tenantId: 'tnt_a',
  plugin: 'komet',
  hook: 'order-confirmation',
  url: 'https://erp.example.com/hook',
  method: 'POST',
  enabled: true,
  status: 'active',
  auth: { type: 'bearer', token },
  errorEmails: [],
  settings: {},
  signingSecrets: [{ secret: 'enc:v2:AAAAAAAA.iv.tag.data' }],
  version: 1,
  updatedAt: '2025-01-01T00:00:00.000Z',
});

describe('subscriptionSnapshotV1', () => {
  it.each(['enc:v2:AAAAAAAA.iv.tag.data', 'enc:v1:iv.tag.data'])('takes a secret sealed as %s', (token) => {
    expect(subscriptionSnapshotV1.safeParse(snapshot(token)).success).toBe(true);
  });

  it('refuses a secret in plain text', () => {
    const result = subscriptionSnapshotV1.safeParse(snapshot('plain-token'));
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['auth', 'token'], message: 'must be an encrypted value (enc:v2:…)' })]);
  });
});

describe('sealedFieldContext', () => {
  it('names the subscription and the field, the same for every signing secret', () => {
    expect(sealedFieldContext('sub_1', 'auth.password')).toBe('sub_1/auth.password');
    expect(sealedFieldContext('sub_1', 'signingSecret')).toBe('sub_1/signingSecret');
  });
});
