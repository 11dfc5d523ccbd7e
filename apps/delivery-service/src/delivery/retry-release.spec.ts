import type { RetryRecordV1 } from '@hookbus/contracts';
import { answer } from './testing/rule-fixtures';
import { InProcessDelivery } from './testing/in-process-delivery';
import { VENDOR_SAMPLES } from './testing/vendor-samples';

// What delivery-service does with a record of the retry topic: released by the retry-scheduler, or
// sent by config-service for a manual retry (attempt = the delivery's highest attempt + 1).
describe('a retry from the retry topic (in-memory bus)', () => {
  let delivery: InProcessDelivery;
  const retryOf = (attempt: number, manual = true): RetryRecordV1 => {
    const [first] = delivery.logs();
    const { deliveryId, eventId, subscriptionId, tenantId } = first;
    return { deliveryId, eventId, subscriptionId, tenantId, attempt, event: VENDOR_SAMPLES[first.plugin].event, manual };
  };

  beforeEach(() => {
    delivery = new InProcessDelivery();
  });

  it('a manual retry is made with the number it carries and the same webhook-id', async () => {
    delivery.sender.answer(answer(200, '{"status":"0","message":"ERP down"}'), answer(200, '{"status":"1","message":"ok"}'));
    await delivery.dispatch(delivery.subscribe('komet'));
    await delivery.retry(retryOf(2));

    expect(delivery.outcomes()).toEqual([[1, 'failed'], [2, 'delivered']]);
    const [first, second] = delivery.sender.requests.map(({ headers }) => headers?.['webhook-id']);
    expect(second).toBe(first);
  });

  it('a manual retry past the policy fails at once and e-mails again, under its own notification id', async () => {
    delivery.sender.answer(answer(503), answer(503), answer(503), answer(503), answer(503));
    await delivery.dispatch(delivery.subscribe('komerce'));
    await delivery.releaseAll();
    await delivery.retry(retryOf(5));

    expect(delivery.outcomes().map(([, outcome]) => outcome)).toEqual(['retrying', 'retrying', 'retrying', 'failed', 'failed']);
    expect(delivery.notifications().map(({ id }) => id.split(':').slice(1).join(':'))).toEqual(['4:delivery.failed', '5:delivery.failed']);
  });

  it('a subscription deleted meanwhile: cancelled under the attempt’s number, nothing sent, the event kept', async () => {
    delivery.sender.answer(answer(500));
    const subscription = delivery.subscribe('postback');
    await delivery.dispatch(subscription);
    delivery.unsubscribe(subscription.id);
    await delivery.releaseAll();

    expect(delivery.sender.requests).toHaveLength(1);
    expect(delivery.logs()[1]).toMatchObject({ attempt: 2, outcome: 'cancelled', error: 'subscription deleted', plugin: 'postback', hook: 'order.completed', request: { url: '' } });
    expect(delivery.logs()[1].event?.id).toBe(delivery.logs()[0].event?.id);
    expect(delivery.notifications()).toEqual([]);
  });

  it('a subscription switched off: cancelled as disabled, showing its endpoint; once enabled, a manual retry goes through', async () => {
    delivery.sender.answer(answer(500));
    const subscription = delivery.subscribe('postback');
    await delivery.dispatch(subscription);
    delivery.subscribe('postback', { ...subscription, enabled: false });
    await delivery.releaseAll();
    delivery.subscribe('postback', subscription);
    await delivery.retry(retryOf(3));

    expect(delivery.outcomes()).toEqual([[1, 'retrying'], [2, 'cancelled'], [3, 'delivered']]);
    expect(delivery.logs()[1]).toMatchObject({ error: 'subscription disabled', request: { method: 'POST', url: subscription.url } });
  });

  it("a retry naming another tenant's subscription is cancelled as deleted and shows nothing of it", async () => {
    const theirs = delivery.subscribe('postback', { id: 'sub_theirs', tenantId: 'tenant_other', url: 'https://their.example/secret-path' });
    await delivery.dispatch(delivery.subscribe('postback'));
    await delivery.retry({ ...retryOf(2), subscriptionId: theirs.id });

    expect(delivery.sender.requests).toHaveLength(1);
    expect(delivery.logs()[1]).toMatchObject({ outcome: 'cancelled', error: 'subscription deleted', request: { method: '', url: '' } });
    expect(JSON.stringify(delivery.logs()[1])).not.toContain('their.example');
  });
});
