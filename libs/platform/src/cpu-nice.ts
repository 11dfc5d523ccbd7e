import { getPriority, setPriority } from 'node:os';

/**
 * Raises this process's niceness to `nice`. A process already started nicer (say by an operator's
 * `nice -n 15`) keeps its setting: lowering niceness again would need privileges.
 */
export function niceAtLeast(nice: number): void {
  if (nice > getPriority()) setPriority(nice);
}
