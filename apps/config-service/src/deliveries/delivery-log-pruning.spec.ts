import type { DeliveryStatus } from '@hookbus/contracts';
import type { OpenDatabase } from '@hookbus/persistence';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { DeliveryLogPruning } from './delivery-log-pruning';
import { DeliveryLogWriter } from './delivery-log.writer';
import { Delivery } from './delivery.entity';
import { attempt, openDeliveryLog } from './testing/attempt-records';

const LATER = () => new Date(Date.now() + 60_000);

describe('DeliveryLogPruning (the retention rule) on SQLite', () => {
  let db: OpenDatabase;
  let writer: DeliveryLogWriter;
  let pruning: DeliveryLogPruning;

  beforeEach(async () => {
    db = await openDeliveryLog();
    writer = new DeliveryLogWriter(db.orm.em, 0);
    pruning = new DeliveryLogPruning(db.orm.em);
  });
  afterEach(() => db.close());

  /** A delivery of event `eventId` with `attempts` attempts, the last one ending as `status`. */
  async function logged(eventId: string, status: DeliveryStatus, attempts = 2): Promise<void> {
    for (let n = 1; n < attempts; n += 1) await writer.record(attempt(n, { eventId }));
    await writer.record(attempt(attempts, { eventId, outcome: status, ...(status === 'retrying' ? { dueAt: new Date().toISOString() } : {}) }));
  }
  const statuses = async () => (await db.orm.em.fork().find(Delivery, {}, { orderBy: { eventId: 'asc' } })).map((row) => `${row.eventId}:${row.status}`);
  const attemptCount = () => db.orm.em.fork().count(DeliveryAttempt, {});

  it('deletes ended deliveries idle since the cutoff, with their attempts, and keeps pending and retrying ones', async () => {
    for (const status of ['delivered', 'failed', 'abandoned', 'cancelled', 'retrying', 'pending'] as const) await logged(`evt-${status}`, status);
    expect(await attemptCount()).toBe(12);

    expect(await pruning.pruneBatch(LATER(), 100)).toBe(4);

    expect(await statuses()).toEqual(['evt-pending:pending', 'evt-retrying:retrying']);
    expect(await attemptCount()).toBe(4);
  });

  it('keeps what was active since the cutoff', async () => {
    await logged('evt-old', 'delivered');
    const cutoff = new Date(Date.now() + 1);
    // Activity after the cutoff: updated_at moves with every record the writer stores.
    while (Date.now() <= cutoff.getTime()) await new Promise((resolve) => setImmediate(resolve));
    await logged('evt-new', 'failed', 1);

    expect(await pruning.pruneBatch(cutoff, 100)).toBe(1);
    expect(await statuses()).toEqual(['evt-new:failed']);
    expect(await attemptCount()).toBe(1);
  });

  it('deletes at most `limit` deliveries a batch, the longest idle first', async () => {
    for (let i = 0; i < 5; i += 1) await logged(`evt-${i}`, 'delivered', 1);

    expect(await pruning.pruneBatch(LATER(), 2)).toBe(2);
    expect(await statuses()).toEqual(['evt-2:delivered', 'evt-3:delivered', 'evt-4:delivered']);
    expect(await pruning.pruneBatch(LATER(), 2)).toBe(2);
    expect(await pruning.pruneBatch(LATER(), 2)).toBe(1);
    expect(await pruning.pruneBatch(LATER(), 2)).toBe(0);
  });
});
