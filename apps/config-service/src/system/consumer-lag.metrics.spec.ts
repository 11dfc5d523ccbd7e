import type { GroupLag } from '@hookbus/kafka';
import { metricsRegistry, SCRAPE_READ_TIMEOUT_MS } from '@hookbus/platform';
import { ConsumerLagMetrics } from './consumer-lag.metrics';
import type { KafkaOverview } from './kafka-overview';

const LAG = 'hookbus_consumer_lag_messages';
const lagLines = async () => (await metricsRegistry.metrics()).split('\n').filter((line) => line.startsWith(`${LAG}{`));

describe('ConsumerLagMetrics: each group\'s lag per topic, asked of the broker on scrape', () => {
  let answer: () => Promise<GroupLag[]>;
  let asked = 0;
  const kafka = {
    consumerGroups: () => {
      asked += 1;
      return answer();
    },
  } as unknown as KafkaOverview;
  new ConsumerLagMetrics(kafka);

  afterEach(() => jest.useRealTimers());

  it('asks the broker once per scrape and gives every group and topic its lag', async () => {
    answer = async () => [
      { groupId: 'hookbus-delivery-service', topics: [{ topic: 'hookbus.events.v1', lag: 120 }, { topic: 'hookbus.deliveries.retry.v1', lag: 0 }] },
      { groupId: 'hookbus-notifier-service', topics: [{ topic: 'hookbus.notifications.v1', lag: 3 }] },
    ];
    const before = asked;

    expect(await lagLines()).toEqual([
      `${LAG}{group="hookbus-delivery-service",topic="hookbus.events.v1"} 120`,
      `${LAG}{group="hookbus-delivery-service",topic="hookbus.deliveries.retry.v1"} 0`,
      `${LAG}{group="hookbus-notifier-service",topic="hookbus.notifications.v1"} 3`,
    ]);
    expect(asked - before).toBe(1);
  });

  it('drops the groups that are gone since the last scrape', async () => {
    answer = async () => [{ groupId: 'hookbus-notifier-service', topics: [{ topic: 'hookbus.notifications.v1', lag: 0 }] }];

    expect(await lagLines()).toEqual([`${LAG}{group="hookbus-notifier-service",topic="hookbus.notifications.v1"} 0`]);
  });

  it('still answers the scrape, without lag, when Kafka fails or does not answer in time', async () => {
    answer = () => Promise.reject(new Error('Connection error: ECONNREFUSED'));
    expect(await lagLines()).toEqual([]);

    jest.useFakeTimers();
    answer = () => new Promise<never>(() => undefined);
    const scrape = metricsRegistry.metrics();
    await jest.advanceTimersByTimeAsync(SCRAPE_READ_TIMEOUT_MS);
    const text = await scrape;
    expect(text).toContain(`# TYPE ${LAG} gauge`);
    expect(text.split('\n').filter((line) => line.startsWith(`${LAG}{`))).toEqual([]);
  });
});
