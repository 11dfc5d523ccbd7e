import { Inject, Injectable } from '@nestjs/common';
import { gauge, readOnScrape } from '@hookbus/platform';
import { KafkaOverview } from './kafka-overview';

/**
 * Every hookbus consumer group's lag per topic (the System page's figures, names as the broker has
 * them), asked of the broker's offsets when Prometheus scrapes: no consumer pays for it per message,
 * and one config-service sees the groups of every service.
 */
@Injectable()
export class ConsumerLagMetrics {
  constructor(@Inject(KafkaOverview) kafka: KafkaOverview) {
    gauge({
      name: 'hookbus_consumer_lag_messages',
      help: 'Messages a consumer group has yet to read on a topic (high watermark minus committed offset, summed over the partitions)',
      labelNames: ['group', 'topic'],
      async collect() {
        const groups = (await readOnScrape(() => kafka.consumerGroups())) ?? [];
        this.reset();
        for (const { groupId, topics } of groups) for (const { topic, lag } of topics) this.set({ group: groupId, topic }, lag);
      },
    });
  }
}
