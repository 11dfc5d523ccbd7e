import { Pool } from 'pg';

/** A delivery as config-service's delivery log (what `GET /v1/deliveries` and the console show) holds it. */
export interface LoggedDelivery {
  readonly status: string;
  readonly dueAt: Date | null;
  readonly attemptCount: number;
}

/** An attempt whose successor was made before the time it was due: a retry released early. */
export interface EarlyAttempt {
  readonly deliveryId: string;
  readonly n: number;
  readonly dueAt: Date;
  readonly nextAt: Date;
}

/**
 * Reads the delivery log straight from config-service's database (not through its proxy), so the
 * run can account for tens of thousands of deliveries in a few queries, whatever config-service is
 * going through.
 */
export class DeliveryLog {
  private readonly pool: Pool;

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 2 });
  }

  async deliveries(ids?: readonly string[]): Promise<Map<string, LoggedDelivery>> {
    const { rows } = ids
      ? await this.pool.query('select id, status, due_at, attempt_count from deliveries where id = any($1)', [ids])
      : await this.pool.query('select id, status, due_at, attempt_count from deliveries');
    return new Map(rows.map((row) => [row.id as string, { status: row.status as string, dueAt: row.due_at as Date | null, attemptCount: Number(row.attempt_count) }]));
  }

  /**
   * Every attempt made before the due time its predecessor shows (a `retrying` one). After a crash
   * the same step can be logged twice with two due times; the release that went out is the earlier.
   */
  async earlyAttempts(): Promise<EarlyAttempt[]> {
    const { rows } = await this.pool.query(
      `select before.delivery_id, before.n, before.due_at, after.at
         from delivery_attempts before
         join delivery_attempts after on after.delivery_id = before.delivery_id and after.n = before.n + 1
        where before.outcome = 'retrying' and before.due_at is not null and after.at < before.due_at`,
    );
    return rows.map((row) => ({ deliveryId: row.delivery_id, n: Number(row.n), dueAt: row.due_at, nextAt: row.at }));
  }

  /** The attempts of `ids` as logged, for the run's diagnostics. */
  async attemptsOf(ids: readonly string[]): Promise<Record<string, unknown>[]> {
    const { rows } = await this.pool.query(
      'select delivery_id, n, at, outcome, due_at, deferrals, error, duration_ms from delivery_attempts where delivery_id = any($1) order by delivery_id, n',
      [ids],
    );
    return rows;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
