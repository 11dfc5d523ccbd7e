import { Topics } from '@hookbus/contracts';
import { answer } from './testing/rule-fixtures';
import { InProcessDelivery } from './testing/in-process-delivery';

describe('a SecuTix order goes with its subscription’s runs (in-memory bus)', () => {
  let delivery: InProcessDelivery;

  beforeEach(() => {
    delivery = new InProcessDelivery();
  });

  it('is logged pending before it is handed to the scheduler, so its attempt’s record always comes after', async () => {
    await delivery.dispatch(delivery.subscribe('secutix', { settings: { frequencyMinutes: 5, batchSize: 20 } }));

    expect(delivery.bus.topics()).toEqual([Topics.deliveryLog.name, Topics.deadLetters.name]);
    expect(delivery.outcomes()).toEqual([[1, 'pending']]);
    expect(delivery.deadLetters()).toEqual([expect.objectContaining({ attempt: 1, reason: 'scheduled', batch: { frequencyMinutes: 5, batchSize: 20 } })]);
    expect(delivery.sender.requests).toEqual([]);
  });

  it('is sent when its run releases it, with the order id in the URL', async () => {
    await delivery.dispatch(delivery.subscribe('secutix'));
    await delivery.releaseAll();

    expect(delivery.sender.requests.map(({ url }) => url)).toEqual(['https://box.example/orders/9001']);
    expect(delivery.outcomes()).toEqual([[1, 'pending'], [1, 'delivered']]);
  });

  it('failing every run: sent 13 times (the first run and 12 more), then abandoned with one delivery.abandoned', async () => {
    delivery.sender.answer(...Array.from({ length: 13 }, () => answer(404)));
    await delivery.dispatch(delivery.subscribe('secutix'));
    await delivery.releaseAll();

    expect(delivery.sender.requests).toHaveLength(13);
    const attempts = delivery.outcomes().slice(1);
    expect(attempts.slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, index) => [index + 1, 'retrying']));
    expect(attempts[12]).toEqual([13, 'abandoned']);
    expect(delivery.deadLetters().every(({ batch }) => batch?.batchSize === 60)).toBe(true);
    expect(delivery.notifications()).toEqual([expect.objectContaining({ type: 'delivery.abandoned', attempt: 13, httpStatus: 404 })]);
  });
});
