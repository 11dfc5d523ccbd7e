import { MASK, Topics } from '@hookbus/contracts';
import { InProcessDelivery } from './testing/in-process-delivery';
import { VENDOR_SAMPLES } from './testing/vendor-samples';
import { answer, noAnswer } from './testing/rule-fixtures';

// The whole attempt path in process: executor, plugins, rules, publisher, retry handler.
describe('a delivery runs its course (in-memory bus, scripted receiver)', () => {
  let delivery: InProcessDelivery;

  beforeEach(() => {
    delivery = new InProcessDelivery();
  });

  it('postback 500 four times: retried three times with the same webhook-id, then failed with one e-mail', async () => {
    delivery.sender.answer(answer(500), answer(500), answer(500), answer(500));
    await delivery.dispatch(delivery.subscribe('postback'));
    await delivery.releaseAll();

    expect(delivery.outcomes()).toEqual([[1, 'retrying'], [2, 'retrying'], [3, 'retrying'], [4, 'failed']]);
    expect(delivery.deadLetters().map(({ attempt }) => attempt)).toEqual([2, 3, 4]);
    const ids = delivery.sender.requests.map(({ headers }) => headers?.['webhook-id']);
    expect(new Set(ids)).toEqual(new Set([delivery.logs()[0].deliveryId]));
    expect(ids).toHaveLength(4);
    expect(delivery.notifications()).toEqual([expect.objectContaining({ type: 'delivery.failed', attempt: 4, httpStatus: 500 })]);
  });

  it('komerce recovering at the third attempt: delivered, nobody e-mailed', async () => {
    delivery.sender.answer(answer(503), noAnswer('connection'), answer(200));
    await delivery.dispatch(delivery.subscribe('komerce'));
    await delivery.releaseAll();

    expect(delivery.outcomes()).toEqual([[1, 'retrying'], [2, 'retrying'], [3, 'delivered']]);
    expect(delivery.logs()[2].event).toBeUndefined();
    expect(delivery.notifications()).toEqual([]);
  });

  it('komet status 0: failed at once with the message, one e-mail, no dead letter', async () => {
    delivery.sender.answer(answer(200, '{"status":"0","message":"Order 6908 unknown"}'));
    await delivery.dispatch(delivery.subscribe('komet'));

    expect(delivery.logs()).toEqual([expect.objectContaining({ outcome: 'failed', vendorMessage: 'Order 6908 unknown' })]);
    expect(delivery.notifications()).toEqual([expect.objectContaining({ vendorMessage: 'Order 6908 unknown', httpStatus: 200 })]);
    expect(delivery.deadLetters()).toEqual([]);
  });

  it('an event the plugin cannot render: failed at once and e-mailed, nothing sent', async () => {
    const broken = { ...VENDOR_SAMPLES.komet.event, data: { companyId: 'six' } };
    await delivery.dispatch(delivery.subscribe('komet'), broken);

    expect(delivery.sender.requests).toEqual([]);
    expect(delivery.logs()).toEqual([expect.objectContaining({ outcome: 'failed', error: expect.stringMatching(/^render_failed: /), durationMs: 0 })]);
    expect(delivery.notifications()).toEqual([expect.objectContaining({ type: 'delivery.failed', reason: expect.stringMatching(/^render_failed: /) })]);
  });

  it('logs the request as sent, signature and secret headers masked', async () => {
    await delivery.dispatch(delivery.subscribe('komet'));
    const [sent] = delivery.sender.requests;
    const [log] = delivery.logs();

    expect(sent.headers?.['webhook-signature']).toMatch(/^v1,/);
    expect(log.request).toEqual({ method: 'POST', url: sent.url, headers: { ...sent.headers, 'webhook-signature': MASK }, body: sent.body });
    expect(log.endpoint).toMatchObject({ circuit: 'closed' });
  });

  it('a dead letter the broker refused fails the attempt, so the event is consumed again', async () => {
    delivery.sender.answer(answer(500));
    delivery.bus.refuseNext(Topics.deadLetters.name);
    await expect(delivery.dispatch(delivery.subscribe('postback'))).rejects.toThrow('broker refused');
  });

  it('an attempt whose records the broker refused is published when the event comes again, not sent again', async () => {
    delivery.sender.answer(answer(500), answer(200));
    delivery.bus.refuseNext(Topics.deadLetters.name);
    const subscription = delivery.subscribe('postback');
    await expect(delivery.dispatch(subscription)).rejects.toThrow('broker refused');

    await delivery.dispatch(subscription);

    expect(delivery.sender.requests).toHaveLength(1);
    expect(delivery.deadLetters()).toEqual([expect.objectContaining({ attempt: 2 })]);
    expect(delivery.outcomes()).toEqual([[1, 'retrying'], [1, 'retrying']]);
  });
});
