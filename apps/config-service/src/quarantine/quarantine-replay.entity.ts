import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A replay of one quarantined message. The row is inserted (claimed) before the message is
 * published, so of two requests only one can claim it; `replayedAt` is set once Kafka took it.
 * A claim without `replayedAt` is in flight, or was left by a crash and is taken over once stale.
 */
@Entity({ tableName: 'quarantine_replays' })
export class QuarantineReplay {
  @PrimaryKey({ type: 'string', length: 40 })
  quarantineId!: string;

  @Property({ type: 'string', length: 249 })
  sourceTopic!: string;

  @Property({ type: 'integer' })
  sourcePartition!: number;

  @Property({ type: 'string', length: 20 })
  sourceOffset!: string;

  @Property({ type: 'datetime' })
  claimedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  replayedAt?: Date;
}
