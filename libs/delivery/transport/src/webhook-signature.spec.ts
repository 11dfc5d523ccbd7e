import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { signWebhook } from './webhook-signature';

const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;
const body = JSON.stringify({ companyId: 6316, orderId: 6908, note: 'żółć ✓' });

describe('signWebhook', () => {
  it('produces Standard Webhooks headers that the reference library verifies', () => {
    const secret = newSecret();
    const headers = signWebhook({ id: 'dlv_abc', timestamp: new Date(), body, secrets: [secret] });
    expect(headers['webhook-id']).toBe('dlv_abc');
    expect(headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('signs with every secret during a rotation, so either one alone verifies', () => {
    const [previous, current] = [newSecret(), newSecret()];
    const headers = signWebhook({ id: 'dlv_rot', timestamp: Date.now() / 1000, body, secrets: [current, previous] });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(previous).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(newSecret()).verify(body, { ...headers })).toThrow('No matching signature found');
  });

  it('binds the id, timestamp and exact body', () => {
    const secret = newSecret();
    const headers = signWebhook({ id: 'dlv_1', timestamp: new Date(), body, secrets: [secret] });
    const webhook = new Webhook(secret);
    expect(() => webhook.verify(`${body} `, { ...headers })).toThrow();
    expect(() => webhook.verify(body, { ...headers, 'webhook-id': 'dlv_2' })).toThrow();
    expect(() => webhook.verify(body, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) })).toThrow();
  });

  it('uses unix seconds, is deterministic and signs a duplicate secret once', () => {
    const input = { id: 'dlv_x', timestamp: new Date('2024-05-01T12:00:00.900Z'), body: '', secrets: ['whsec_c2VjcmV0', 'whsec_c2VjcmV0'] };
    const headers = signWebhook(input);
    expect(headers['webhook-timestamp']).toBe('1714564800');
    expect(headers).toEqual(signWebhook({ ...input, timestamp: 1714564800 }));
    expect(headers['webhook-signature'].split(' ')).toHaveLength(1);
  });

  it('throws on no secret or a malformed one', () => {
    expect(() => signWebhook({ id: 'x', timestamp: 0, body, secrets: [] })).toThrow('at least one secret');
    expect(() => signWebhook({ id: 'x', timestamp: 0, body, secrets: ['whsec_not base64!'] })).toThrow('whsec_ followed by base64');
  });
});
