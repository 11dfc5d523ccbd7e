import { Logger } from '@nestjs/common';
import type { z } from 'zod';
import { describeIssues, validate } from '@hookbus/contracts';
import type { CompactedTopicReader, TableChange } from './compacted-topic-reader';
import type { KafkaBus } from './kafka-bus';

export interface TopicViewOptions<T> {
  /** Contract name of the compacted topic. */
  readonly topic: string;
  readonly schema: z.ZodType<T>;
  /** The key a value belongs under: a value found under another key is skipped. */
  readonly keyOf: (value: T) => string;
  /** Whether `next` may replace `held` (an older version may not); by default it always does. */
  readonly replaces?: (held: T, next: T) => boolean;
  /**
   * Whether a record (parsed JSON, not validated yet) is the value already held, so the view skips
   * it: a republish of an unchanged table then costs no validation and keeps the held object.
   */
  readonly unchanged?: (held: T, json: unknown) => boolean;
  /** Told of every change the view makes, after it made it, to keep an index of the values. */
  readonly onChange?: (previous: T | undefined, next: T | undefined) => void;
}

/**
 * The latest valid value per key of a compacted topic, for a view a service rebuilds from the topic
 * alone (see CompactedTopicReader). A value that is not JSON, breaks the schema or sits under
 * another key is logged and skipped, keeping what was held: one bad record must not stall the view.
 */
export class TopicView<T> {
  private readonly logger = new Logger(TopicView.name);
  private readonly entries = new Map<string, T>();
  private reader?: CompactedTopicReader;

  constructor(private readonly options: TopicViewOptions<T>) {}

  async start(bus: KafkaBus): Promise<void> {
    this.reader = await bus.readTable(this.options.topic, { onChange: (change) => this.apply(change) });
  }

  get isCaughtUp(): boolean {
    return this.reader?.isCaughtUp ?? false;
  }

  /** Resolves once the view holds every record that was on the topic when it started. */
  caughtUp(): Promise<void> {
    return this.reader?.caughtUp() ?? Promise.reject(new Error(`the view of ${this.options.topic} has not started`));
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  get size(): number {
    return this.entries.size;
  }

  values(): IterableIterator<T> {
    return this.entries.values();
  }

  private apply({ key, value, message }: TableChange): void {
    if (value === null) {
      const held = this.entries.get(key);
      this.entries.delete(key);
      if (held !== undefined) this.options.onChange?.(held, undefined);
      return;
    }
    const where = { topic: this.options.topic, key, partition: message.partition, offset: message.offset };
    let json: unknown;
    try {
      json = JSON.parse(value.toString('utf8'));
    } catch (error) {
      this.logger.warn({ message: 'record skipped: not JSON', ...where, reason: (error as Error).message });
      return;
    }
    const held = this.entries.get(key);
    if (held !== undefined && this.options.unchanged?.(held, json)) return;
    const result = validate(this.options.schema, json);
    if (!result.ok) {
      this.logger.warn({ message: 'record skipped: invalid', ...where, reason: describeIssues(result.issues) });
      return;
    }
    if (this.options.keyOf(result.value) !== key) {
      this.logger.warn({ message: 'record skipped: id differs from key', ...where });
      return;
    }
    if (held !== undefined && this.options.replaces && !this.options.replaces(held, result.value)) {
      this.logger.debug({ message: 'stale record ignored', ...where });
      return;
    }
    this.entries.set(key, result.value);
    this.options.onChange?.(held, result.value);
  }
}
