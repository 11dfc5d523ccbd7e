import { ConsoleLogger, Logger } from '@nestjs/common';
import type { SecretBox } from '@hookbus/platform';
import { testEvent } from '@hookbus/delivery-sdk/testing';
import type { AttemptExecutor } from './delivery/attempt.executor';
import { DeliveryBudget } from './delivery/delivery-budget';
import type { ScheduledDelivery } from './delivery/scheduled-delivery';
import { EventDispatcher } from './event-dispatcher';
import { PluginRegistry } from './plugins/plugin-registry';
import type { SubscriptionView } from './subscriptions/subscription-view';

// No hosted plugin: dispatch logs the event and returns.
const dispatcher = () => new EventDispatcher({} as SubscriptionView, new PluginRegistry([]), {} as SecretBox, {} as AttemptExecutor, {} as ScheduledDelivery, new DeliveryBudget(1));
const event = testEvent('order.confirmed', { companyId: 1, orderId: 2 });

describe('EventDispatcher debug line', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['log', 0],
    ['debug', 1],
  ] as const)('with the app logger at %s, writes %i "event received" line(s)', async (level, lines) => {
    const appLogger = new ConsoleLogger('delivery-service', { json: true, logLevels: level === 'debug' ? ['error', 'warn', 'log', 'debug'] : ['error', 'warn', 'log'] });
    Logger.overrideLogger(appLogger);
    const asked = jest.spyOn(appLogger, 'isLevelEnabled');
    const written = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    const subject = dispatcher();

    await subject.dispatch(event);
    await subject.dispatch(event);
    expect(written).toHaveBeenCalledTimes(2 * lines);
    // The level is asked once, not on every event.
    expect(asked).toHaveBeenCalledTimes(1);
  });
});
