import { randomBytes } from 'node:crypto';
import { NOTIFICATION_EVENT_TYPES, Topics } from '@hookbus/contracts';
import type { ConsumedMessage, KafkaBus } from '@hookbus/kafka';
import { collect, pollUntil, testBus, testDatabases, uniquePrefix } from '@hookbus/testing';
import { ServiceProcess } from '../support/service-process';

jest.setTimeout(60_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Answer {
  status: number;
  type: string | null;
  body: Json;
}
type Issue = { field: string; rule: string };

const OPERATOR_TOKEN = `op-${randomBytes(16).toString('hex')}`;

describe.each(testDatabases())('config-service notification events and channels on $label (built process, real broker)', (database) => {
  const prefix = uniquePrefix('notifications');
  let service: ServiceProcess;
  let bus: KafkaBus;
  let published: ConsumedMessage[];
  let admin: string;
  let setup: string;
  let producer: string;
  let otherAdmin: string;

  const call = async (token: string | undefined, method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), body: text ? JSON.parse(text) : {} };
  };
  const as = (token: string) => ({
    get: (path: string) => call(token, 'GET', path),
    post: (path: string, body: unknown) => call(token, 'POST', path, body),
    put: (path: string, body: unknown) => call(token, 'PUT', path, body),
    patch: (path: string, body: unknown) => call(token, 'PATCH', path, body),
    delete: (path: string) => call(token, 'DELETE', path),
  });

  async function tenantKeys(name: string, roles: string[][]): Promise<string[]> {
    const tenant = await call(OPERATOR_TOKEN, 'POST', '/v1/tenants', { name });
    expect(tenant.status).toBe(201);
    const keys = await Promise.all(roles.map((r) => call(OPERATOR_TOKEN, 'POST', `/v1/tenants/${tenant.body.id}/api-keys`, { roles: r })));
    return keys.map(({ body }) => body.key as string);
  }

  /** Waits until the last snapshot of `id` on the compacted topic satisfies `check` (null: a tombstone). */
  const onTopic = (id: string, check: (snapshot: Json | null) => boolean) =>
    pollUntil(`subscription ${id} on the topic matches`, () => {
      const last = published.filter(({ key }) => key === id).at(-1);
      if (!last) return false;
      const snapshot = last.value ? (JSON.parse(last.value.toString()) as Json) : null;
      return check(snapshot) && { snapshot };
    });
  const subscriptionsOf = async (token: string) => (await as(token).get('/v1/subscriptions')).body.items as Json[];
  const eventsOf = async (token: string) => (await as(token).get('/v1/notification-events')).body.items as Json[];
  const eventOf = async (token: string, type: string): Promise<Json> => (await eventsOf(token)).find((event) => event.type === type) ?? {};
  const issuesOf = (answer: Answer): Issue[] => {
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('application/problem+json');
    return (answer.body.errors as Issue[]).map(({ field, rule }) => ({ field, rule }));
  };
  /** Runs `requests` and checks that they change nothing: same channels, subscriptions, toggles, topic. */
  async function changesNothing(token: string, requests: () => Promise<void>): Promise<void> {
    const state = async () => ({
      channels: (await as(token).get('/v1/channels')).body,
      subscriptions: await subscriptionsOf(token),
      events: await eventsOf(token),
      offsets: await bus.endOffsets(Topics.subscriptions.name),
    });
    const before = await state();
    await requests();
    expect(await state()).toEqual(before);
  }

  beforeAll(async () => {
    await database.create();
    bus = await testBus(prefix);
    published = await collect(bus, Topics.subscriptions.name);
    service = await ServiceProcess.spawn('config-service', {
      KAFKA_TOPIC_PREFIX: prefix,
      DATABASE_URL: database.url,
      HOOKBUS_ADMIN_TOKEN: OPERATOR_TOKEN,
      HOOKBUS_SECRET_KEY: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
    });
    await service.ready();
    [admin, setup, producer] = await tenantKeys('Acme', [['admin'], ['setup'], ['producer']]);
    [otherAdmin] = await tenantKeys('Globex', [['admin']]);
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.disconnect();
    await database.drop();
  });

  it('lists the 10 notification events, each off until turned on, with no channels', async () => {
    const events = await as(admin).get('/v1/notification-events');

    expect(events.status).toBe(200);
    expect(events.body).toEqual({ items: NOTIFICATION_EVENT_TYPES.map((type) => ({ type, enabled: false, channels: [] })) });
  });

  it('lets admin and setup keys in, and nobody else', async () => {
    expect((await call(undefined, 'GET', '/v1/notification-events')).status).toBe(401);
    expect((await as(producer).get('/v1/notification-events')).status).toBe(403);
    expect((await as(producer).post('/v1/channels', { name: 'x', url: 'https://x.example/' })).status).toBe(403);
    expect((await as(OPERATOR_TOKEN).get('/v1/channels')).status).toBe(403);
    expect((await as(setup).get('/v1/channels')).status).toBe(200);
  });

  describe('channels', () => {
    it('creates, reads, lists and edits a channel', async () => {
      const created = await as(admin).post('/v1/channels', { name: ' CRM ', url: 'https://crm.example/postback' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^chn_/),
        name: 'CRM',
        url: 'https://crm.example/postback',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const id = created.body.id as string;

      expect((await as(setup).get(`/v1/channels/${id}`)).body).toEqual(created.body);
      expect((await as(admin).get('/v1/channels')).body.items).toContainEqual(created.body);

      const renamed = await as(setup).patch(`/v1/channels/${id}`, { name: 'CRM 1' });
      expect(renamed.body).toMatchObject({ id, name: 'CRM 1', url: 'https://crm.example/postback' });
      const edited = await as(setup).patch(`/v1/channels/${id}`, { name: 'CRM 2', retryPolicy: { delaysSeconds: [10, 20] } });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ id, name: 'CRM 2', url: 'https://crm.example/postback', retryPolicy: { delaysSeconds: [10, 20] } });
      const reset = await as(admin).patch(`/v1/channels/${id}`, { retryPolicy: null });
      expect(reset.body).not.toHaveProperty('retryPolicy');

      expect((await as(admin).delete(`/v1/channels/${id}`)).status).toBe(204);
      expect((await as(admin).get(`/v1/channels/${id}`)).status).toBe(404);
      expect((await as(admin).delete(`/v1/channels/${id}`)).status).toBe(404);
    });

    it('refuses a bad channel with a problem naming the field and rule, storing and publishing nothing', async () => {
      const { body: channel } = await as(admin).post('/v1/channels', { name: 'Keep', url: 'https://keep.example/' });
      const create = async (body: Json) => issuesOf(await as(admin).post('/v1/channels', body));
      const edit = async (body: Json) => issuesOf(await as(admin).patch(`/v1/channels/${channel.id}`, body));
      const url = 'https://x.example/';
      await changesNothing(admin, async () => {
        expect(await create({ url })).toEqual([{ field: 'name', rule: 'invalid_type' }]);
        expect(await create({ name: '  ', url })).toEqual([{ field: 'name', rule: 'too_small' }]);
        expect(await create({ name: 'x' })).toEqual([{ field: 'url', rule: 'invalid_type' }]);
        expect(await create({ name: 'x', url: 'ftp://x.example/' })).toEqual([{ field: 'url', rule: 'invalid_url' }]);
        expect(await create({ name: 'x', url: 'https://u:p@x.example/' })).toEqual([{ field: 'url', rule: 'url_credentials' }]);
        expect(await create({ name: 'x', url, retryPolicy: { delaysSeconds: [1, 1, 1, 1] } })).toEqual([
          { field: 'retryPolicy.delaysSeconds', rule: 'too_many_retries' },
        ]);
        expect(await create({ name: 'x', url, retryPolicy: { delaysSeconds: [0] } })).toEqual([
          { field: 'retryPolicy.delaysSeconds.0', rule: 'too_small' },
        ]);
        expect(await create({ name: 'x', url, secret: 's' })).toEqual([{ field: 'secret', rule: 'unrecognized_keys' }]);
        expect(await edit({ url: 'not a url' })).toEqual([{ field: 'url', rule: 'invalid_url' }]);
        expect(await edit({ name: '' })).toEqual([{ field: 'name', rule: 'too_small' }]);
        expect(await edit({ id: 'chn_x' })).toEqual([{ field: 'id', rule: 'unrecognized_keys' }]);
      });
      await as(admin).delete(`/v1/channels/${channel.id}`);
    });
  });

  describe('links', () => {
    let channel: Json;

    beforeAll(async () => {
      ({ body: channel } = await as(admin).post('/v1/channels', {
        name: 'Shop CRM',
        url: 'https://crm.example/hooks',
        retryPolicy: { delaysSeconds: [30, 60] },
      }));
    });

    it('delivers a link as a postback subscription, off while its event is off', async () => {
      const linked = await as(admin).put(`/v1/notification-events/order.completed/channels/${channel.id}`, { sources: ['shop'] });

      expect(linked.status).toBe(200);
      expect(linked.body).toEqual({
        type: 'order.completed',
        channelId: channel.id,
        sources: ['shop'],
        enabled: false,
        subscriptionId: expect.stringMatching(/^sub_/),
        signingSecret: expect.stringMatching(/^whsec_/),
      });
      const { subscriptionId } = linked.body;
      expect(await subscriptionsOf(admin)).toContainEqual(
        expect.objectContaining({
          id: subscriptionId,
          plugin: 'postback',
          hook: 'order.completed',
          url: 'https://crm.example/hooks',
          method: 'POST',
          enabled: false,
          settings: { sources: ['shop'] },
          retryPolicy: { delaysSeconds: [30, 60] },
        }),
      );
      const { snapshot } = await onTopic(subscriptionId, (s) => s !== null);
      expect(snapshot).toMatchObject({ plugin: 'postback', hook: 'order.completed', enabled: false, settings: { sources: ['shop'] } });
      expect((await eventsOf(admin)).find(({ type }) => type === 'order.completed')).toEqual({
        type: 'order.completed',
        enabled: false,
        channels: [{ channelId: channel.id, sources: ['shop'], subscriptionId }],
      });
    });

    it('replaces a link\'s sources on the same subscription, without a new secret', async () => {
      const before = (await eventOf(admin, 'order.completed')).channels[0];
      const replaced = await as(setup).put(`/v1/notification-events/order.completed/channels/${channel.id}`, { sources: ['admin', 'funnel'] });

      expect(replaced.status).toBe(200);
      expect(replaced.body).toEqual({
        type: 'order.completed',
        channelId: channel.id,
        sources: ['admin', 'funnel'],
        enabled: false,
        subscriptionId: before.subscriptionId,
      });
      expect((await as(admin).get(`/v1/subscriptions/${before.subscriptionId}`)).body.settings).toEqual({ sources: ['admin', 'funnel'] });
      await onTopic(before.subscriptionId, (s) => s?.settings.sources.join() === 'admin,funnel');
    });

    it('flips the subscriptions of an event with its toggle', async () => {
      const link = await as(admin).put(`/v1/notification-events/refund.applied/channels/${channel.id}`, { sources: ['admin'] });
      const completed = (await eventOf(admin, 'order.completed')).channels[0].subscriptionId as string;
      const refund = link.body.subscriptionId as string;

      const on = await as(admin).put('/v1/notification-events', { 'order.completed': true, 'survey.completed': true });
      expect(on.status).toBe(200);
      expect(on.body.items.filter(({ enabled }: Json) => enabled).map(({ type }: Json) => type)).toEqual(['order.completed', 'survey.completed']);
      expect((await as(admin).get(`/v1/subscriptions/${completed}`)).body.enabled).toBe(true);
      expect((await as(admin).get(`/v1/subscriptions/${refund}`)).body.enabled).toBe(false);
      await onTopic(completed, (s) => s?.enabled === true);

      // A link made while its event is on starts enabled.
      const survey = await as(admin).put(`/v1/notification-events/survey.completed/channels/${channel.id}`, { sources: ['funnel'] });
      expect(survey.body.enabled).toBe(true);
      expect((await as(admin).get(`/v1/subscriptions/${survey.body.subscriptionId}`)).body.enabled).toBe(true);

      const off = await as(setup).put('/v1/notification-events', { 'order.completed': false });
      expect(off.body.items.find(({ type }: Json) => type === 'order.completed').enabled).toBe(false);
      expect((await as(admin).get(`/v1/subscriptions/${completed}`)).body.enabled).toBe(false);
      await onTopic(completed, (s) => s?.enabled === false);

      // Saying again what is already so publishes nothing.
      const offsets = await bus.endOffsets(Topics.subscriptions.name);
      expect((await as(admin).put('/v1/notification-events', { 'order.completed': false, 'survey.completed': true })).status).toBe(200);
      expect(await bus.endOffsets(Topics.subscriptions.name)).toEqual(offsets);
    });

    it('carries a channel edit over to every link\'s subscription', async () => {
      const edited = await as(admin).patch(`/v1/channels/${channel.id}`, {
        url: 'https://crm2.example/hooks',
        retryPolicy: { delaysSeconds: [5, 5, 5] },
      });
      expect(edited.status).toBe(200);

      const linked = (await subscriptionsOf(admin)).filter(({ plugin }) => plugin === 'postback');
      expect(linked).toHaveLength(3);
      for (const subscription of linked) {
        expect(subscription).toMatchObject({ url: 'https://crm2.example/hooks', retryPolicy: { delaysSeconds: [5, 5, 5] } });
        await onTopic(subscription.id, (s) => s?.url === 'https://crm2.example/hooks');
      }

      await as(admin).patch(`/v1/channels/${channel.id}`, { retryPolicy: null });
      for (const subscription of await subscriptionsOf(admin)) expect(subscription).not.toHaveProperty('retryPolicy');

      // A rename leaves the subscriptions as they are: nothing is published.
      const offsets = await bus.endOffsets(Topics.subscriptions.name);
      expect((await as(admin).patch(`/v1/channels/${channel.id}`, { name: 'Shop CRM (renamed)' })).status).toBe(200);
      expect(await bus.endOffsets(Topics.subscriptions.name)).toEqual(offsets);
    });

    it('refuses a bad link or toggle with a problem naming the field and rule, changing nothing', async () => {
      const link = (sources: unknown, type = 'order.completed') =>
        as(admin).put(`/v1/notification-events/${type}/channels/${channel.id}`, sources === undefined ? {} : { sources });
      await changesNothing(admin, async () => {
        expect(issuesOf(await link([]))).toEqual([{ field: 'sources', rule: 'too_small' }]);
        expect(issuesOf(await link(['shop', 'shop']))).toEqual([{ field: 'sources.1', rule: 'duplicate' }]);
        expect(issuesOf(await link(['store']))).toEqual([{ field: 'sources.0', rule: 'invalid_value' }]);
        expect(issuesOf(await link('shop'))).toEqual([{ field: 'sources', rule: 'invalid_type' }]);
        expect(issuesOf(await link(undefined))).toEqual([{ field: 'sources', rule: 'invalid_type' }]);
        // A new link is refused as surely as a replaced one: no subscription is made.
        expect(issuesOf(await link([], 'contact.created'))).toEqual([{ field: 'sources', rule: 'too_small' }]);
      });
      await changesNothing(admin, async () => {
        const extra = await as(admin).put(`/v1/notification-events/order.completed/channels/${channel.id}`, { sources: ['shop'], url: 'x' });
        expect(issuesOf(extra)).toEqual([{ field: 'url', rule: 'unrecognized_keys' }]);
        expect(issuesOf(await as(admin).put('/v1/notification-events', { 'order.complete': true, 'order.completed': 'yes' }))).toEqual([
          { field: 'order.complete', rule: 'unknown_event' },
          { field: 'order.completed', rule: 'invalid_type' },
        ]);
        expect(issuesOf(await as(admin).put('/v1/notification-events', { 'order.confirmed': true }))).toEqual([
          { field: 'order.confirmed', rule: 'unknown_event' },
        ]);
        expect(issuesOf(await as(admin).put('/v1/notification-events', [true]))).toEqual([{ field: '(root)', rule: 'invalid_type' }]);
        expect((await as(admin).put(`/v1/notification-events/order.confirmed/channels/${channel.id}`, { sources: ['shop'] })).status).toBe(404);
        expect((await as(admin).put('/v1/notification-events/order.completed/channels/chn_missing', { sources: ['shop'] })).status).toBe(404);
        expect((await as(admin).delete('/v1/notification-events/order.completed/channels/chn_missing')).status).toBe(404);
      });
    });

    it('never shows or touches another tenant\'s channels (404)', async () => {
      const other = as(otherAdmin);
      await changesNothing(admin, async () => {
        expect((await other.get(`/v1/channels/${channel.id}`)).status).toBe(404);
        expect((await other.patch(`/v1/channels/${channel.id}`, { name: 'mine' })).status).toBe(404);
        expect((await other.delete(`/v1/channels/${channel.id}`)).status).toBe(404);
        expect((await other.put(`/v1/notification-events/order.completed/channels/${channel.id}`, { sources: ['shop'] })).status).toBe(404);
        expect((await other.delete(`/v1/notification-events/order.completed/channels/${channel.id}`)).status).toBe(404);
        expect((await other.get('/v1/channels')).body).toEqual({ items: [] });
        expect((await other.put('/v1/notification-events', { 'order.completed': true })).status).toBe(200);
      });
      expect(await eventsOf(otherAdmin)).toContainEqual({ type: 'order.completed', enabled: true, channels: [] });
      expect(await eventsOf(otherAdmin)).toContainEqual({ type: 'survey.completed', enabled: false, channels: [] });
      expect(await subscriptionsOf(otherAdmin)).toEqual([]);
    });

    it('re-creates a link\'s subscription deleted through /v1/subscriptions on the next PUT', async () => {
      const before = (await eventOf(admin, 'survey.completed')).channels[0];
      expect((await as(admin).delete(`/v1/subscriptions/${before.subscriptionId}`)).status).toBe(204);

      const relinked = await as(admin).put(`/v1/notification-events/survey.completed/channels/${channel.id}`, { sources: ['funnel'] });
      expect(relinked.body).toMatchObject({ enabled: true, signingSecret: expect.stringMatching(/^whsec_/) });
      expect(relinked.body.subscriptionId).not.toBe(before.subscriptionId);
      expect((await eventOf(admin, 'survey.completed')).channels).toEqual([
        { channelId: channel.id, sources: ['funnel'], subscriptionId: relinked.body.subscriptionId },
      ]);
      await onTopic(relinked.body.subscriptionId, (s) => s?.enabled === true);
    });

    it('deletes a link with its subscription (a tombstone on the topic)', async () => {
      const before = (await eventOf(admin, 'refund.applied')).channels[0];

      expect((await as(setup).delete(`/v1/notification-events/refund.applied/channels/${channel.id}`)).status).toBe(204);
      expect((await as(admin).get(`/v1/subscriptions/${before.subscriptionId}`)).status).toBe(404);
      await onTopic(before.subscriptionId, (s) => s === null);
      expect((await eventOf(admin, 'refund.applied')).channels).toEqual([]);
      expect((await as(admin).delete(`/v1/notification-events/refund.applied/channels/${channel.id}`)).status).toBe(404);
    });

    it('deletes a channel with all its links and their subscriptions', async () => {
      const ids = (await eventsOf(admin)).flatMap(({ channels }) => channels.map(({ subscriptionId }: Json) => subscriptionId as string));
      expect(ids).toHaveLength(2);

      expect((await as(admin).delete(`/v1/channels/${channel.id}`)).status).toBe(204);
      expect(await subscriptionsOf(admin)).toEqual([]);
      for (const id of ids) await onTopic(id, (s) => s === null);
      expect((await eventsOf(admin)).every(({ channels }) => channels.length === 0)).toBe(true);
      // The toggles stay as they were.
      expect((await eventOf(admin, 'survey.completed')).enabled).toBe(true);
    });
  });
});
