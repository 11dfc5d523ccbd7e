import type { Platform } from '@mikro-orm/core';

/** A row of a claim: what the releaser publishes, and what recovery and the metrics read. */
export interface ClaimedRow {
  /** The release id, sent as a header of the published retry. */
  readonly id: string;
  readonly deliveryId: string;
  readonly subscriptionId: string;
  readonly dueAt: Date;
  readonly paced: boolean;
  readonly firstClaimedAt: Date | null;
  /** The retry record's JSON text as stored, published as is. */
  readonly recordJson: string;
}

/**
 * The columns of a claimed row. `record` is cast to text because pg parses a `json` column into an
 * object; as text PostgreSQL returns the `json` value verbatim, and on SQLite it is text already.
 */
export const CLAIMED_ROW_COLUMNS = 'id, delivery_id, subscription_id, due_at, paced, first_claimed_at, cast(record as text) as record_json';

/** A claimed row as the drivers return it (see {@link CLAIMED_ROW_COLUMNS}). */
export interface StoredClaimedRow {
  id: string;
  delivery_id: string;
  subscription_id: string;
  due_at: number | string;
  paced: boolean | number;
  first_claimed_at: number | string | null;
  record_json: string;
}

/**
 * Values of the claim statements in MikroORM's stored format on the same database (see
 * pending-release.rows.ts): a `datetime` is epoch milliseconds on SQLite and a timestamp on
 * PostgreSQL, a boolean is 0/1 on SQLite.
 */
export class ClaimedRowCodec {
  constructor(private readonly platform: Platform) {}

  /** A date as bound in a statement, the way MikroORM stores it. */
  datetime(value: Date): unknown {
    return this.platform.processDateProperty(value);
  }

  claimedRow(row: StoredClaimedRow): ClaimedRow {
    return {
      id: row.id,
      deliveryId: row.delivery_id,
      subscriptionId: row.subscription_id,
      dueAt: this.platform.parseDate(row.due_at),
      paced: Boolean(row.paced),
      firstClaimedAt: row.first_claimed_at === null ? null : this.platform.parseDate(row.first_claimed_at),
      recordJson: row.record_json,
    };
  }
}
