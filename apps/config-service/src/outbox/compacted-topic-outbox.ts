import { type EntityClass, type EntityData, EntityManager, type FilterQuery, type QueryOrderMap, raw } from '@mikro-orm/core';
import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { KafkaBus } from '@hookbus/kafka';

const CATCH_UP_INTERVAL_MS = 5_000;
/** Rows read and published at a time, so a table of any size is republished in bounded memory. */
const PAGE_SIZE = 1_000;

/** A row that is its own outbox entry: it is published until `publishedVersion` catches up with `version`. */
export interface OutboxRow {
  id: string;
  version: number;
  publishedVersion: number;
}

export interface OutboxTopic<T extends OutboxRow> {
  readonly entity: EntityClass<T>;
  /** Contract name of the compacted topic, keyed by row id. */
  readonly topic: string;
  /** The record's value, or null for a tombstone: the row is then deleted once it is on the topic. */
  readonly value: (row: T) => string | null;
}

/**
 * Publishes rows to a compacted topic (their latest state, or a tombstone). Every change is
 * published right away; rows whose publish failed (Kafka down) are retried every few seconds, and
 * the whole table is republished at start (in the background), so the topic alone always rebuilds
 * the full view.
 */
export abstract class CompactedTopicOutbox<T extends OutboxRow> implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  private catchingUp?: Promise<void>;
  private republishing?: Promise<void>;
  private stopped = false;

  protected constructor(
    private readonly em: EntityManager,
    private readonly bus: KafkaBus,
    private readonly outbox: OutboxTopic<T>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.catchUp(), CATCH_UP_INTERVAL_MS);
    // In the background: the API serves meanwhile, however large the table.
    this.republishing = this.republish();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** Resolves once the whole table has been republished since this start (or the module stopped). */
  republished(): Promise<void> {
    return this.republishing ?? Promise.resolve();
  }

  /** Publishes the given rows now and records them as published. */
  async publish(rows: readonly T[]): Promise<void> {
    if (rows.length === 0) return;
    const values = rows.map((row) => this.outbox.value(row));
    await this.bus.publish(
      this.outbox.topic,
      rows.map((row, index) => ({ key: row.id, value: values[index] })),
    );
    const em = this.em.fork();
    for (const [index, { id, version, publishedVersion }] of rows.entries()) {
      // The version guard: a change made while this publish was under way is published again.
      const where = { id, version } as FilterQuery<T>;
      if (values[index] === null) await em.nativeDelete(this.outbox.entity, where);
      // A republished row that was already on the topic needs no write.
      else if (publishedVersion !== version) await em.nativeUpdate(this.outbox.entity, where, { publishedVersion: version } as unknown as EntityData<T>);
    }
  }

  // Until it succeeds: a broker that is down at start must not leave the topic without the table.
  private async republish(): Promise<void> {
    const began = Date.now();
    while (!this.stopped) {
      try {
        const count = await this.publishWhere({} as FilterQuery<T>);
        this.logger.log({ message: `republished ${this.outbox.topic}`, count, ms: Date.now() - began });
        return;
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn({ message: `republishing ${this.outbox.topic} failed; trying again`, reason: String(error) });
        await new Promise((resolve) => setTimeout(resolve, CATCH_UP_INTERVAL_MS));
      }
    }
  }

  private catchUp(): Promise<void> {
    this.catchingUp ??= this.publishWhere({ publishedVersion: { $lt: raw('version') } } as FilterQuery<T>)
      .catch((error: unknown) => void this.logger.warn({ message: 'catch-up publish failed', reason: String(error) }))
      .then(() => undefined)
      .finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  /** Publishes the rows matching `where`, a page at a time in id order; resolves to how many. */
  private async publishWhere(where: FilterQuery<T>): Promise<number> {
    let published = 0;
    let after: string | undefined;
    for (;;) {
      const page = after === undefined ? where : ({ $and: [where, { id: { $gt: after } }] } as FilterQuery<T>);
      const rows = await this.em.fork().find(this.outbox.entity, page, { orderBy: { id: 'asc' } as QueryOrderMap<T>, limit: PAGE_SIZE });
      await this.publish(rows);
      published += rows.length;
      if (rows.length < PAGE_SIZE) return published;
      after = rows[rows.length - 1].id;
    }
  }
}
