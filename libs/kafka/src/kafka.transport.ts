import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { AtLeastOnceConsumer, ConsumerOptions } from './at-least-once-consumer';
import type { ConsumedMessage } from './consumed-message';
import type { KafkaBus } from './kafka-bus';

type LaneOptions = Omit<ConsumerOptions, 'topics' | 'handle'>;

export interface KafkaTransportOptions extends LaneOptions {
  /**
   * Topics served by a consumer of their own, in a group of their own (kafkajs assigns partitions
   * as if every member of a group read the same topics): its in-flight bound is its own, so a burst
   * on it cannot hold up the other topics.
   */
  readonly lanes?: Readonly<Record<string, LaneOptions>>;
}

/**
 * A NestJS microservice transport over KafkaBus: the app's `@ConsumeTopic(topic)` handlers are
 * served by one at-least-once consumer in the app's consumer group, except topics given a lane.
 */
export class KafkaTransport extends Server implements CustomTransportStrategy {
  private readonly consumers: AtLeastOnceConsumer[] = [];
  // Nest resolves a pattern by normalising it on every call; once per topic is enough.
  private readonly handlerOf = new Map<string, MessageHandler>();

  constructor(
    private readonly bus: KafkaBus,
    private readonly options: KafkaTransportOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const { lanes = {}, ...shared } = this.options;
      const topics = [...this.getHandlers().keys()];
      const sharedTopics = topics.filter((topic) => !lanes[topic]);
      const consumers = [
        ...(sharedTopics.length > 0 ? [{ ...shared, topics: sharedTopics }] : []),
        ...topics.filter((topic) => lanes[topic]).map((topic) => ({ ...shared, ...lanes[topic], topics: [topic] })),
      ];
      for (const options of consumers) {
        this.consumers.push(await this.bus.consume({ ...options, handle: (message) => this.dispatch(message) }));
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.splice(0).map((consumer) => consumer.stop()));
  }

  on(): never {
    throw new Error('KafkaTransport emits no events');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  private async dispatch(message: ConsumedMessage): Promise<void> {
    const handler = this.handlerOf.get(message.topic) ?? this.getHandlerByPattern(message.topic);
    if (!handler) throw new Error(`no handler for topic ${message.topic}`);
    this.handlerOf.set(message.topic, handler);
    // Nest's handler resolves to the method's value, or to an Observable (one the method returned, or
    // the exception filter's error); only the latter needs rxjs, which costs on every message.
    const result: unknown = await handler(message);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }
}
