import { statSync } from 'node:fs';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import type { DeliveryAttemptRecordV1 } from '@hookbus/contracts';
import { BatchedPruner, openDatabase, parseDatabaseUrl } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';
// Figures for docs/, printed, not asserted: the delivery log's bytes per delivery and the retention's
// prune rate on both databases. Run on demand (not part of `npm test`):
//   npx jest -c '{"preset":"<root>/jest.preset.cjs","testMatch":["**/*.measure.ts"]}' test/measure
/* eslint-disable @nx/enforce-module-boundaries */
import { DELIVERY_LOG_ENTITIES, DELIVERY_LOG_MIGRATIONS } from '../../apps/config-service/src/deliveries/deliveries.module-parts';
import { DeliveryLogPruning } from '../../apps/config-service/src/deliveries/delivery-log-pruning';
import { DeliveryLogWriter } from '../../apps/config-service/src/deliveries/delivery-log.writer';
import { attempt } from '../../apps/config-service/src/deliveries/testing/attempt-records';
/* eslint-enable @nx/enforce-module-boundaries */

const DELIVERIES = Number(process.env.MEASURE_DELIVERIES ?? 50_000);
const CONCURRENCY = 500;

/** A delivery as the log sees it: one to three attempts with the headers a real send carries. */
function recordsOf(i: number): DeliveryAttemptRecordV1[] {
  const eventId = `evt-${i.toString(36)}-${'x'.repeat(20)}`;
  const count = 1 + (i % 3);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'hookbus/1.0',
    'webhook-id': `dlv_${i.toString(36).padStart(26, '0')}`,
    'webhook-timestamp': '1767225600',
    'webhook-signature': `v1,${'A'.repeat(43)}=`,
    authenticationToken: '********',
  };
  const body = JSON.stringify({ companyId: 6316, orderId: 100_000 + i });
  return Array.from({ length: count }, (_, n) => {
    const last = n + 1 === count;
    const outcome = !last ? 'retrying' : i % 5 === 0 ? 'failed' : 'delivered';
    return attempt(n + 1, {
      eventId,
      subscriptionId: `sub_${i % 50}`,
      subject: String(100_000 + i),
      request: { method: 'POST', url: 'https://erp.example.com/hooks/order-confirmation', headers, body },
      response: outcome === 'delivered' ? { status: 200, body: '{"status":"1","message":"ok"}' } : { status: 503, body: 'Service Unavailable' },
      error: outcome === 'delivered' ? undefined : 'HTTP 503',
      outcome,
      ...(outcome === 'retrying' ? { dueAt: new Date(Date.now() + 60_000).toISOString() } : {}),
      ...(outcome === 'failed' ? { event: { specversion: '1.0', id: eventId, source: 'shop', type: 'order.confirmed', time: new Date().toISOString(), subject: String(i), tenantid: 'tnt_a', origin: 'shop', data: { companyId: 6316, orderId: 100_000 + i } } as never } : {}),
    });
  });
}

describe.each(testDatabases())('delivery log size and prune rate on $label', (database) => {
  it(`writes ${DELIVERIES} deliveries, measures their bytes, prunes them`, async () => {
    await database.create();
    const db = await openDatabase({ url: database.url, entities: DELIVERY_LOG_ENTITIES, migrations: DELIVERY_LOG_MIGRATIONS, name: 'measure' });
    const connection = (db.orm.em as SqlEntityManager).getConnection();
    try {
      const writer = new DeliveryLogWriter(db.orm.em);
      let next = 0;
      let attempts = 0;
      const started = Date.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < DELIVERIES) {
          const records = recordsOf(next++);
          attempts += records.length;
          for (const record of records) await writer.record(record);
        }
      }));
      const writeSeconds = (Date.now() - started) / 1000;

      let bytes: number;
      if (database.label === 'sqlite') {
        await connection.execute('pragma wal_checkpoint(truncate)');
        const file = parseDatabaseUrl(database.url);
        bytes = statSync(file.dialect === 'sqlite' ? file.file : '').size;
      } else {
        await connection.execute('vacuum analyze deliveries');
        await connection.execute('vacuum analyze delivery_attempts');
        const [row] = await connection.execute(`select pg_total_relation_size('deliveries') + pg_total_relation_size('delivery_attempts') as bytes`);
        bytes = Number(row.bytes);
      }

      const cutoff = new Date(Date.now() + 1);
      while (Date.now() <= cutoff.getTime()) await new Promise((resolve) => setImmediate(resolve));
      const pruning = new DeliveryLogPruning(db.orm.em);
      let slowestBatchMs = 0;
      const timed = async (before: Date, limit: number) => {
        const batchStarted = performance.now();
        const deleted = await pruning.pruneBatch(before, limit);
        slowestBatchMs = Math.max(slowestBatchMs, performance.now() - batchStarted);
        return deleted;
      };
      const pruneStarted = Date.now();
      const pruned = await new BatchedPruner({ name: 'delivery log', retentionMs: 0, now: () => cutoff, prune: timed }).pruneAll();
      const pruneSeconds = (Date.now() - pruneStarted) / 1000;

      console.log(
        `${database.label}: ${DELIVERIES} deliveries, ${attempts} attempts written in ${writeSeconds.toFixed(1)} s; ` +
          `${(bytes / 1024 / 1024).toFixed(1)} MiB = ${Math.round(bytes / DELIVERIES)} bytes per delivery ` +
          `(${Math.round(bytes / attempts)} per attempt); pruned ${pruned} in ${pruneSeconds.toFixed(1)} s = ` +
          `${Math.round(pruned / pruneSeconds)} deliveries/s (batches of 250, 50 ms apart), slowest batch ${slowestBatchMs.toFixed(1)} ms`,
      );
    } finally {
      await db.close();
      await database.drop();
    }
  }, 600_000);
});
