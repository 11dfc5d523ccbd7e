import { BatchedPruner, type PruneBatch } from './batched-pruner';

const NOW = new Date('2026-06-30T12:00:00.000Z');
const DAY_MS = 86_400_000;

/** A table of `rows` old rows that deletes at most `limit` per batch, recording each call. */
function table(rows: number) {
  const calls: { before: Date; limit: number }[] = [];
  let left = rows;
  const prune: PruneBatch = async (before, limit) => {
    calls.push({ before, limit });
    const deleted = Math.min(left, limit);
    left -= deleted;
    return deleted;
  };
  return { prune, calls, left: () => left };
}

describe('BatchedPruner', () => {
  it('deletes in bounded batches until one comes back short, with the cutoff `retention` before now', async () => {
    const rows = table(1_050);
    const counted: number[] = [];
    const pruner = new BatchedPruner({ name: 'test', retentionMs: 30 * DAY_MS, prune: rows.prune, batchSize: 250, pauseMs: 0, now: () => NOW, onPruned: (n) => counted.push(n) });
    expect(await pruner.pruneAll()).toBe(1_050);
    expect(rows.calls.map((call) => call.limit)).toEqual([250, 250, 250, 250, 250]);
    expect(rows.calls.every((call) => call.before.getTime() === NOW.getTime() - 30 * DAY_MS)).toBe(true);
    expect(counted).toEqual([250, 250, 250, 250, 50]);
  });

  it('stops after one batch when nothing more is old', async () => {
    const rows = table(0);
    const pruner = new BatchedPruner({ name: 'test', retentionMs: DAY_MS, prune: rows.prune, pauseMs: 0 });
    expect(await pruner.pruneAll()).toBe(0);
    expect(rows.calls).toHaveLength(1);
  });

  it('runs a pass at start, and stops between batches at shutdown', async () => {
    const rows = table(10_000);
    const pruner = new BatchedPruner({ name: 'test', retentionMs: DAY_MS, prune: rows.prune, batchSize: 100, pauseMs: 1 });
    pruner.onApplicationBootstrap();
    const started = Date.now();
    while (rows.calls.length < 3 && Date.now() - started < 5_000) await new Promise((resolve) => setImmediate(resolve));
    await pruner.beforeApplicationShutdown();
    const afterStop = rows.calls.length;
    expect(afterStop).toBeGreaterThanOrEqual(3);
    expect(rows.left()).toBeGreaterThan(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(rows.calls.length).toBe(afterStop);
  });

  it('survives a failing pass (logged; the next pass tries again)', async () => {
    let calls = 0;
    const failing: PruneBatch = () => {
      calls += 1;
      return Promise.reject(new Error('database down'));
    };
    const pruner = new BatchedPruner({ name: 'test', retentionMs: DAY_MS, prune: failing, pauseMs: 0, everyMs: 1 });
    pruner.onApplicationBootstrap();
    const started = Date.now();
    while (calls < 2 && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 1));
    await pruner.beforeApplicationShutdown();
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
