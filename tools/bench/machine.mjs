// What the benchmark's figures depend on besides hookbus: the hardware and what the kernel runs
// beside the services.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const KDAMONDS = '/sys/kernel/mm/damon/admin/kdamonds';

/** Markdown list items describing this machine. */
export function describeMachine() {
  const cpus = os.cpus();
  const round = (value) => Math.round(value);
  return [
    `- ${cpus.length} cores, ${cpus[0]?.model.trim()}, ${round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
    ...memoryMonitors().map((monitor) => `- kernel: ${monitor}`),
  ];
}

/**
 * Running DAMON monitors (kdamond kernel threads). One wakes up every sampling interval; on the
 * benchmark machine, under the fixed load, each wake-up took 10-25 ms of a core and the slow
 * deliveries clustered at that period, so the figures depend on whether one runs.
 */
function memoryMonitors() {
  const read = (...parts) => {
    try {
      return readFileSync(path.join(KDAMONDS, ...parts), 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  const numbered = (...parts) => (existsSync(path.join(KDAMONDS, ...parts)) ? readdirSync(path.join(KDAMONDS, ...parts)).filter((name) => /^\d+$/.test(name)) : []);
  return numbered()
    .filter((kdamond) => read(kdamond, 'state') === 'on')
    .flatMap((kdamond) =>
      numbered(kdamond, 'contexts').map((context) => {
        const attribute = (...parts) => read(kdamond, 'contexts', context, ...parts);
        const sampleMs = Number(attribute('monitoring_attrs', 'intervals', 'sample_us')) / 1000;
        const actions = numbered(kdamond, 'contexts', context, 'schemes').map((scheme) => attribute('schemes', scheme, 'action'));
        return `DAMON monitor on (${attribute('operations')}, sampling every ${sampleMs} ms${actions.length ? `, schemes: ${actions.join(', ')}` : ''})`;
      }),
    );
}
