import type { Consumer, ConsumerRunConfig } from 'kafkajs';

/** Pause before running again a consumer that kafkajs left stopped after a crash. */
const RESTART_DELAY_MS = 1_000;

export interface KeepRunningOptions {
  /** True once the owner stops the consumer: a crash after that is not run again. */
  readonly stopping: () => boolean;
  /** Told of each crash: the consumer reads nothing until it has joined its group again. */
  readonly onCrash: (error: Error) => void;
}

/**
 * Runs a kafkajs consumer and runs it again after any crash kafkajs does not restart. kafkajs
 * restarts a crashed consumer only when the crash's cause is retriable, but a broker going away
 * while the group looks for its coordinator ends in a non-retriable "Failed to find group
 * coordinator" (kafkajs #1630, #1445): the consumer then stays stopped in a running process and its
 * partitions are never read again. A start that fails crashes again, so this retries until it joins.
 */
export async function keepRunning(consumer: Consumer, config: ConsumerRunConfig, options: KeepRunningOptions): Promise<void> {
  const runAgain = (error: Error): void => {
    if (options.stopping()) return;
    options.onCrash(error);
    setTimeout(() => {
      if (!options.stopping()) consumer.run(config).catch(runAgain);
    }, RESTART_DELAY_MS).unref();
  };
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) runAgain(payload.error);
    else if (!options.stopping()) options.onCrash(payload.error);
  });
  await consumer.run(config);
}
