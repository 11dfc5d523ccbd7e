import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Raises the niceness of every thread of this process to `nice`. Linux keeps a niceness per thread
 * and a new thread takes its creator's, but V8's garbage-collection helpers start before any
 * JavaScript runs: raised on the main thread alone, they would keep competing at the old niceness.
 * A thread already nicer (say under an operator's `nice -n 15`) keeps its setting: lowering
 * niceness again would need privileges.
 */
export function niceAtLeast(nice: number): void {
  for (const thread of threadIds()) {
    try {
      if (nice > getPriority(thread)) setPriority(thread, nice);
    } catch (error) {
      // A helper thread may end between the listing and the call; the process itself may not fail.
      if (thread === 0 || thread === process.pid) throw error;
    }
  }
}

/** This process's thread ids from /proc; where there is none, 0: the calling process. */
function threadIds(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number);
  } catch {
    return [0];
  }
}
