import { Inject, Injectable } from '@nestjs/common';
import { ALL_TOPICS } from '@hookbus/contracts';
import { type GroupLag, KafkaBus, type TopicMessageCount } from '@hookbus/kafka';

/** Every service's consumer group is named `hookbus-…` (their KAFKA_GROUP_ID defaults), under the deployment's prefix. */
export const HOOKBUS_GROUP_PREFIX = 'hookbus';

/** The contract's quarantine topics: where malformed or unprocessable messages are kept. */
export const QUARANTINE_TOPICS = ALL_TOPICS.map(({ name }) => name).filter((name) => name.includes('.quarantine.'));

/** The Kafka side of `GET /v1/system`: how far behind each hookbus consumer group is, what sits in quarantine. */
@Injectable()
export class KafkaOverview {
  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus) {}

  consumerGroups(): Promise<GroupLag[]> {
    return this.bus.consumerLag(HOOKBUS_GROUP_PREFIX);
  }

  quarantine(): Promise<TopicMessageCount[]> {
    return this.bus.topicMessageCounts(QUARANTINE_TOPICS);
  }
}
