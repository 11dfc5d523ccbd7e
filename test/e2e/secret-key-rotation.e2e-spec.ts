import { randomBytes } from 'node:crypto';
import { Topics } from '@hookbus/contracts';
import type { ConsumedMessage } from '@hookbus/kafka';
import { SecretBox } from '@hookbus/platform';
import { collect, pollUntil } from '@hookbus/testing';
import { Webhook } from 'standardwebhooks';
import { SECRET_KEY } from '../support/config-service';
import { DeliveryHarness } from '../support/delivery-harness';

// Key A is the one the harness starts both services with; B replaces it.
const KEY_A = SECRET_KEY;
const KEY_B = randomBytes(32).toString('base64url');
const KEY_ID_B = SecretBox.fromEncodedKeys(KEY_B).keyId;

describe('HOOKBUS_SECRET_KEY rotation on PostgreSQL (real broker, real HTTP)', () => {
  let harness: DeliveryHarness;
  let snapshots: ConsumedMessage[];

  beforeAll(async () => {
    harness = await DeliveryHarness.start('key-rotation', { HOOKBUS_EGRESS_ALLOW: '127.0.0.1' }, 'postgresql');
    snapshots = await collect(harness.bus, Topics.subscriptions.name);
  });

  afterAll(() => harness?.stop());

  it('a subscription sealed under key A delivers after a restart with key B (A previous), is sealed again under B, and then needs A no more', async () => {
    harness.receiver.answer({ status: 200, body: '{"status":"1"}' });
    const sub = await harness.subscribe({
      plugin: 'komet',
      hook: 'order-confirmation',
      url: `${harness.receiver.url}/rotation`,
      auth: { type: 'bearer', token: 'tok-sealed-under-a' },
    });
    const deliver = async (orderId: number) => {
      await harness.publishEvent('order.confirmed', { companyId: 6316, orderId });
      const request = await pollUntil(`order ${orderId} was delivered`, () =>
        harness.receiver.at('/rotation').find((received) => (JSON.parse(received.body) as { orderId: number }).orderId === orderId));
      expect(request.headers.authorization).toBe('Bearer tok-sealed-under-a');
      expect(() => new Webhook(sub.signingSecret).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
    };
    await deliver(1);

    // The rotation steps: delivery-service learns B first (A still opens), then config-service seals under B.
    const rotated = { HOOKBUS_EGRESS_ALLOW: '127.0.0.1', HOOKBUS_SECRET_KEY: KEY_B, HOOKBUS_SECRET_KEY_PREVIOUS: KEY_A };
    expect(await harness.delivery.stop()).toBe(0);
    harness.delivery = await harness.spawnDelivery(rotated);
    await deliver(2);
    await harness.restartConfig({ ...rotated, LOG_LEVEL: 'log' });

    expect(await harness.config.waitForLog('the resealing line', (log) => log.message === 'subscription secrets are sealed under the current key')).toMatchObject({
      keyId: KEY_ID_B,
      resealed: 1,
      changedMeanwhile: 0,
    });
    const latest = await pollUntil('the snapshot sealed under B is on the topic', () => {
      const value = snapshots.filter((message) => message.key === sub.id).at(-1)?.value;
      const last = value ? JSON.parse(value.toString('utf8')) : undefined;
      return last?.version === 2 && last;
    });
    expect(latest.auth.token).toMatch(new RegExp(`^enc:v2:${KEY_ID_B}\\.`));
    expect(latest.signingSecrets.map(({ secret }: { secret: string }) => secret.slice(0, `enc:v2:${KEY_ID_B}.`.length))).toEqual([`enc:v2:${KEY_ID_B}.`]);
    expect((await harness.client.patch(`/v1/subscriptions/${sub.id}`, { errorEmails: ['ops@example.com'] })).status).toBe(200);
    await deliver(3);

    // Once everything is sealed under B, A can go from delivery-service too.
    expect(await harness.delivery.stop()).toBe(0);
    harness.delivery = await harness.spawnDelivery({ HOOKBUS_EGRESS_ALLOW: '127.0.0.1', HOOKBUS_SECRET_KEY: KEY_B });
    await deliver(4);
  }, 180_000);
});
