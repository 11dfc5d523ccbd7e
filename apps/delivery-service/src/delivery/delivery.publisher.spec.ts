import { Topics } from '@hookbus/contracts';
import { InMemoryBus } from '@hookbus/kafka/testing';
import { DeliveryPublisher } from './delivery.publisher';
import { decideVerdict } from './rules';
import { answer, contextFor, EXACT, madeOf } from './testing/rule-fixtures';

describe('DeliveryPublisher: writes what the rules decided', () => {
  const bus = new InMemoryBus();
  const publisher = new DeliveryPublisher(bus.asKafkaBus());
  const context = contextFor('postback', { attempt: 4 });
  const failed = decideVerdict(context, madeOf(context, answer(500)), { result: 'retry', reason: 'HTTP 500' }, EXACT);
  const retrying = decideVerdict(contextFor('postback'), madeOf(context, answer(500)), { result: 'retry', reason: 'HTTP 500' }, EXACT);

  beforeEach(() => bus.clear());

  it('the log record first, then the dead letter, then the e-mail; each keyed as its topic is', async () => {
    await publisher.publish(retrying);
    await publisher.publish(failed);

    expect(bus.published.map(({ topic, key }) => [topic, key])).toEqual([
      [Topics.deliveryLog.name, context.ref.deliveryId],
      [Topics.deadLetters.name, context.ref.deliveryId],
      [Topics.deliveryLog.name, context.ref.deliveryId],
      [Topics.notifications.name, context.ref.subscriptionId],
    ]);
    expect(bus.values(Topics.deliveryLog.name)).toEqual([retrying.records.log, failed.records.log]);
    expect(bus.values(Topics.deadLetters.name)).toEqual([retrying.records.deadLetter]);
    expect(bus.values(Topics.notifications.name)).toEqual([failed.records.notification]);
  });

  it("names the attempt's span, if traced, in the dead letter's record and both messages' headers; the log record stays as it is", async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await publisher.publish({ ...retrying, traceparent });
    await publisher.publish({ ...failed, traceparent });

    expect(bus.values(Topics.deadLetters.name)).toEqual([{ ...retrying.records.deadLetter, traceparent }]);
    expect(bus.values(Topics.deliveryLog.name)).toEqual([retrying.records.log, failed.records.log]);
    const headersOf = (topic: string) => bus.published.filter((message) => message.topic === topic).map(({ headers }) => headers);
    expect(headersOf(Topics.deadLetters.name)).toEqual([{ traceparent }]);
    expect(headersOf(Topics.notifications.name)).toEqual([{ traceparent }]);
    expect(headersOf(Topics.deliveryLog.name)).toEqual([{}, {}]);
  });

  it('stops at a record the broker refused and rejects, so the message that caused it is not committed', async () => {
    bus.refuseNext(Topics.deadLetters.name);
    await expect(publisher.publish(retrying)).rejects.toThrow('broker refused');
    expect(bus.topics()).toEqual([Topics.deliveryLog.name]);
  });
});
