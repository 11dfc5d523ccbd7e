import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The pacing of one scheduled subscription: its latest batch settings and when it may run next. */
@Entity({ tableName: 'release_schedules' })
export class ReleaseSchedule {
  @PrimaryKey({ type: 'string', length: 64 })
  subscriptionId!: string;

  @Property({ type: 'integer' })
  frequencyMinutes!: number;

  @Property({ type: 'integer' })
  batchSize!: number;

  @Property({ type: 'datetime' })
  nextRunAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
