import type { Consumer, Kafka } from 'kafkajs';
import type { ConsumerOptions } from './at-least-once-consumer';
import type { KafkaOptions } from './kafka-options';

const FETCH_MAX_BYTES = 2 * 1024 * 1024;

/** Told each time a member of a service's consumer group (re)joins it: every rebalance counts once per member. */
export type GroupJoinListener = (groupId: string) => void;

/**
 * The kafkajs consumer of a service's shared group, `groupId` being its physical name (with the
 * deployment's prefix); `onJoin` gets the group as the service names it.
 */
export function groupConsumer(kafka: Kafka, bus: KafkaOptions, options: ConsumerOptions, groupId: string, onJoin: GroupJoinListener): Consumer {
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: bus.sessionTimeoutMs,
    heartbeatInterval: bus.heartbeatIntervalMs,
    // Without fetchGatherMs the broker answers once it has any message (or after 500 ms).
    ...(options.fetchGatherMs ? { minBytes: FETCH_MAX_BYTES / 2, maxWaitTimeInMs: options.fetchGatherMs } : { maxWaitTimeInMs: 500 }),
    allowAutoTopicCreation: false,
    // A few thousand messages ahead keep every slot busy; kafkajs's default 10 MB per fetch
    // would only hold a backlog in memory.
    maxBytes: FETCH_MAX_BYTES,
  });
  consumer.on(consumer.events.GROUP_JOIN, () => onJoin(options.groupId));
  return consumer;
}
