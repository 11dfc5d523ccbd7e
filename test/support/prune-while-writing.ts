import { BatchedPruner, type BatchedPrunerOptions } from '@hookbus/persistence';

/** How one pruning pass and a writer shared the database. */
export interface PruneRace {
  /** Rows the pass deleted in all. */
  readonly pruned: number;
  /** Rows each of its batches deleted. */
  readonly batches: readonly number[];
  /** Writes made meanwhile. */
  readonly writes: number;
  /** Whether a write went in between the pass's first and last batch (the writer was not held off). */
  readonly interleaved: boolean;
}

/**
 * Runs one pass of a BatchedPruner while `write(n)` is called over and over, at least `minWrites`
 * times, and tells how they interleaved.
 */
export async function pruneWhileWriting(options: BatchedPrunerOptions, write: (n: number) => Promise<void>, minWrites: number): Promise<PruneRace> {
  const events: ('prune' | 'write')[] = [];
  const batches: number[] = [];
  const pruner = new BatchedPruner({
    ...options,
    prune: async (before, limit) => {
      const deleted = await options.prune(before, limit);
      events.push('prune');
      batches.push(deleted);
      return deleted;
    },
  });
  let done = false;
  const pass = pruner.pruneAll().finally(() => (done = true));
  let writes = 0;
  while (!done || writes < minWrites) {
    await write(writes);
    events.push('write');
    writes += 1;
    // SQLite answers without I/O: let the pruner's timer in, as a consumer waiting on Kafka would.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const between = events.slice(events.indexOf('prune'), events.lastIndexOf('prune'));
  return { pruned: await pass, batches, writes, interleaved: between.includes('write') };
}
