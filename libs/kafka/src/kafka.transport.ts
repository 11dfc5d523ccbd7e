import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { AtLeastOnceConsumer, ConsumerOptions } from './at-least-once-consumer';
import type { ConsumedMessage } from './consumed-message';
import type { KafkaBus } from './kafka-bus';

export type KafkaTransportOptions = Omit<ConsumerOptions, 'topics' | 'handle'>;

/**
 * A NestJS microservice transport over KafkaBus: every `@ConsumeTopic(topic)` handler of the app is
 * served by one at-least-once consumer in the app's consumer group.
 */
export class KafkaTransport extends Server implements CustomTransportStrategy {
  private consumer?: AtLeastOnceConsumer;
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
      const topics = [...this.getHandlers().keys()];
      if (topics.length > 0) {
        this.consumer = await this.bus.consume({ ...this.options, topics, handle: (message) => this.dispatch(message) });
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
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
    await lastValueFrom(this.transformToObservable(await handler(message)), { defaultValue: undefined });
  }
}
