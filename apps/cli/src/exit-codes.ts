import { HookbusError, InvalidEventError, RefusedError } from '@hookbus/client';
import { UsageError } from './cli-arguments';

/** What `hookbus` exits with; `hookbus --help` lists them. */
export const ExitCode = {
  ok: 0,
  usage: 1,
  /** The platform answered 4xx, or the event breaks the contract (checked before sending). */
  refused: 2,
  /** No answer, a 5xx or a 429 after every attempt. */
  unavailable: 3,
  /** Anything else: a fault of the command itself. */
  failed: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof RefusedError || error instanceof InvalidEventError) return ExitCode.refused;
  // UnavailableError, or a publish that failed on its way.
  if (error instanceof HookbusError) return ExitCode.unavailable;
  return ExitCode.failed;
}
