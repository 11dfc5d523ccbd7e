import type { EntityManager } from '@mikro-orm/core';
import type { Knex, EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import type { DeliveryAttemptRecordV1 } from '@hookbus/contracts';
import { Coalescer, MalformedMessageError } from '@hookbus/kafka';
import { replaces } from './attempt-precedence';
import { type AttemptFacts, summarize } from './delivery-summary';
import { ATTEMPT_FACT_COLUMNS, DeliveryLogRows, type StoredAttemptFacts } from './delivery-log.rows';
import { type Statement, upsertStatement } from '@hookbus/persistence';

/**
 * Records per transaction at most. A commit writes out every index page it touched, and records of
 * one group share the tenant-ordered ones: 500 records a group cost 94-108 µs each, 200 cost
 * 101-135 (SQLite, 60,000 records). 1,000 saved a little more CPU but ran ~60 MB larger.
 */
const MAX_GROUP = 500;
/**
 * How long a group short of MAX_GROUP waits for more records: at a steady thousand records a second
 * half a second's wait turns hundreds of tiny commits into two; the log trails by that much.
 */
const LINGER_MS = 500;

const excluded = (columns: readonly string[]) => Object.fromEntries(columns.map((column) => [column, `excluded.${column}`]));

/** A redelivered attempt replaces the stored one, column for column. */
const ATTEMPT_REPLACE = excluded(['at', 'request', 'response', 'duration_ms', 'error', 'outcome', 'vendor_message', 'due_at', 'deferrals', 'endpoint']);

/**
 * A delivery's state follows all its attempts; its subject stays once set, its event changes only
 * when a record carries one; who it is (tenant, event, subscription, plugin) never changes.
 */
const DELIVERY_UPDATE = {
  ...excluded(['status', 'vendor_message', 'attempt_count', 'finished_at', 'due_at', 'created_at', 'updated_at']),
  subject: 'coalesce(deliveries.subject, excluded.subject)',
  event: 'coalesce(excluded.event, deliveries.event)',
};

/**
 * Writes attempt records into the delivery log. Idempotent: an attempt is identified by
 * `(deliveryId, n)`, so a redelivered record replaces itself instead of adding a row, and the
 * delivery row is recomputed from all its attempts, so a late older attempt never wins. Records
 * consumed concurrently or within LINGER_MS are written together, one transaction and a handful of
 * queries per group (see Coalescer): at a thousand deliveries a second the log must not cost a
 * transaction each.
 */
export class DeliveryLogWriter {
  private readonly groups: Coalescer<DeliveryAttemptRecordV1>;
  private readonly rows: DeliveryLogRows;

  /** `lingerMs` other than LINGER_MS only where waiting for company is pointless (tests). */
  constructor(
    private readonly em: EntityManager,
    lingerMs = LINGER_MS,
  ) {
    this.groups = new Coalescer((records) => this.write(records), { maxItems: MAX_GROUP, lingerMs });
    this.rows = new DeliveryLogRows(em.getPlatform());
  }

  /** Resolves once the record is committed. */
  record(record: DeliveryAttemptRecordV1): Promise<void> {
    return this.groups.submit(record);
  }

  private async write(records: readonly DeliveryAttemptRecordV1[]): Promise<void> {
    const byDelivery = groupByDelivery(records);
    const ids = [...byDelivery.keys()];
    // Plain SQL on the ORM's connection: entities, the identity map and change sets cost several
    // times the CPU of the writes themselves at thousands of records a second.
    await (this.em as SqlEntityManager).getConnection().transactional(async (trx) => {
      const owners = new Map<string, string>();
      for (const row of await trx('deliveries').select('id', 'tenant_id').whereIn('id', ids)) owners.set(row.id, row.tenant_id);
      for (const record of records) {
        // A delivery new to the log belongs to the tenant of its first record, as if written one by one.
        const owner = owners.get(record.deliveryId) ?? byDelivery.get(record.deliveryId)?.[0].tenantId;
        // Fails the group; written one by one, only this record fails (and is quarantined).
        if (owner !== record.tenantId) {
          throw new MalformedMessageError(`delivery ${record.deliveryId} belongs to another tenant than ${record.tenantId}`);
        }
      }

      // The attempts after this write: those stored (a new delivery has none), replaced by the group's.
      const attempts = await this.storedAttempts(trx, ids.filter((id) => owners.has(id)));
      const attemptRows = new Map<string, ReturnType<DeliveryLogRows['attempt']>>();
      for (const record of records) {
        const itsAttempts = attemptsOf(attempts, record.deliveryId);
        if (!replaces(itsAttempts.get(record.attempt), record)) continue;
        itsAttempts.set(record.attempt, factsOf(record));
        // One row per attempt: PostgreSQL refuses to upsert the same key twice in one statement.
        attemptRows.set(`${record.deliveryId}\n${record.attempt}`, this.rows.attempt(record));
      }
      if (attemptRows.size > 0) await run(trx, upsertStatement('delivery_attempts', [...attemptRows.values()], ['delivery_id', 'n'], ATTEMPT_REPLACE));

      const now = new Date();
      const deliveryRows = [...byDelivery].map(([id, itsRecords]) => this.rows.delivery(itsRecords, summarize([...attemptsOf(attempts, id).values()]), now));
      await run(trx, upsertStatement('deliveries', deliveryRows, ['id'], DELIVERY_UPDATE));
    });
  }

  private async storedAttempts(trx: Knex, ids: readonly string[]): Promise<Map<string, Map<number, AttemptFacts>>> {
    const attempts = new Map<string, Map<number, AttemptFacts>>();
    if (ids.length === 0) return attempts;
    const rows: StoredAttemptFacts[] = await trx('delivery_attempts').select(ATTEMPT_FACT_COLUMNS).whereIn('delivery_id', ids);
    for (const row of rows) attemptsOf(attempts, row.delivery_id).set(row.n, this.rows.attemptFacts(row));
    return attempts;
  }
}

function groupByDelivery(records: readonly DeliveryAttemptRecordV1[]): Map<string, DeliveryAttemptRecordV1[]> {
  const groups = new Map<string, DeliveryAttemptRecordV1[]>();
  for (const record of records) {
    const own = groups.get(record.deliveryId);
    if (own) own.push(record);
    else groups.set(record.deliveryId, [record]);
  }
  return groups;
}

function attemptsOf(attempts: Map<string, Map<number, AttemptFacts>>, deliveryId: string): Map<number, AttemptFacts> {
  let own = attempts.get(deliveryId);
  if (!own) attempts.set(deliveryId, (own = new Map()));
  return own;
}

const factsOf = (record: DeliveryAttemptRecordV1): AttemptFacts => ({
  n: record.attempt,
  at: new Date(record.at),
  outcome: record.outcome,
  vendorMessage: record.vendorMessage,
  dueAt: record.dueAt ? new Date(record.dueAt) : null,
});

const run = (trx: Knex, { sql, bindings }: Statement) => trx.raw(sql, bindings as Knex.RawBinding[]);
