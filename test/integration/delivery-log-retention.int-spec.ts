import { type DeliveryAttemptRecordV1, deliveryId } from '@hookbus/contracts';
import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';
// Retention of config-service's delivery log on both real databases, with the real writer writing
// while it prunes. Apps publish no import path, so this spec reaches into its sources.
/* eslint-disable @nx/enforce-module-boundaries */
import { DELIVERY_LOG_ENTITIES, DELIVERY_LOG_MIGRATIONS } from '../../apps/config-service/src/deliveries/deliveries.module-parts';
import { DeliveryAttempt } from '../../apps/config-service/src/deliveries/delivery-attempt.entity';
import { DeliveryLogPruning } from '../../apps/config-service/src/deliveries/delivery-log-pruning';
import { DeliveryLogWriter } from '../../apps/config-service/src/deliveries/delivery-log.writer';
import { Delivery } from '../../apps/config-service/src/deliveries/delivery.entity';
import { attempt } from '../../apps/config-service/src/deliveries/testing/attempt-records';
/* eslint-enable @nx/enforce-module-boundaries */
import { pruneWhileWriting } from '../support/prune-while-writing';

const OLD = 600;
const BATCH = 100;

/** The attempts of delivery `i`: one to three, the last retrying for every tenth, else final. */
function attemptsOf(prefix: string, i: number): DeliveryAttemptRecordV1[] {
  const eventId = `${prefix}-${i}`;
  const count = 1 + (i % 3);
  const last = i % 10 === 0 ? { outcome: 'retrying' as const, dueAt: new Date(Date.now() + 60_000).toISOString() } : { outcome: i % 2 ? ('delivered' as const) : ('failed' as const) };
  return Array.from({ length: count }, (_, n) => attempt(n + 1, { eventId, ...(n + 1 === count ? last : {}) }));
}

describe.each(testDatabases())('delivery log retention on $label', (database) => {
  let db: OpenDatabase;
  let writer: DeliveryLogWriter;

  beforeAll(async () => {
    await database.create();
    db = await openDatabase({ url: database.url, entities: DELIVERY_LOG_ENTITIES, migrations: DELIVERY_LOG_MIGRATIONS, name: 'retention-int' });
    writer = new DeliveryLogWriter(db.orm.em, 0);
  });
  afterAll(async () => {
    await db?.close();
    await database.drop();
  });

  const idsOf = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => deliveryId(`${prefix}-${i}`, 'sub_1'));
  const deliveriesIn = (ids: string[]) => db.orm.em.fork().find(Delivery, { id: { $in: ids } });
  const attemptsIn = (ids: string[]) => db.orm.em.fork().count(DeliveryAttempt, { deliveryId: { $in: ids } });

  it('prunes idle ended deliveries with their attempts in bounded batches, keeps retrying ones, while the writer goes on writing', async () => {
    // The records of one delivery in order (a group may not hold attempt 2 before attempt 1 was counted);
    // deliveries side by side, so the writer groups them.
    await Promise.all(Array.from({ length: OLD }, async (_, i) => {
      for (const record of attemptsOf('old', i)) await writer.record(record);
    }));
    const cutoff = new Date(Date.now() + 1);
    while (Date.now() <= cutoff.getTime()) await new Promise((resolve) => setImmediate(resolve));

    const pruning = new DeliveryLogPruning(db.orm.em);
    const race = await pruneWhileWriting(
      { name: 'delivery log', retentionMs: 0, now: () => cutoff, batchSize: BATCH, pauseMs: 5, prune: (before, limit) => pruning.pruneBatch(before, limit) },
      async (n) => {
        for (const record of attemptsOf('new', n)) await writer.record(record);
      },
      5,
    );
    expect(race.pruned).toBe(OLD - OLD / 10);

    // Bounded batches, and the writer's commits went in between them.
    expect(race.batches.every((deleted) => deleted <= BATCH)).toBe(true);
    expect(race.batches.length).toBeGreaterThanOrEqual((OLD - OLD / 10) / BATCH);
    expect(race.interleaved).toBe(true);

    const oldIds = idsOf('old', OLD);
    const kept = await deliveriesIn(oldIds);
    expect(kept.map((row) => row.status)).toEqual(Array(OLD / 10).fill('retrying'));
    // Attempts went with their delivery; the retrying ones keep all theirs.
    const keptAttempts = kept.reduce((sum, row) => sum + row.attemptCount, 0);
    expect(await attemptsIn(oldIds)).toBe(keptAttempts);
    // What was written after the cutoff, during the prune, is all there.
    expect(await deliveriesIn(idsOf('new', race.writes))).toHaveLength(race.writes);
  });
});
