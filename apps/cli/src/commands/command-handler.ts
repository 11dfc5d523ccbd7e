import type { Invocation } from '../cli-arguments';
import type { Connection } from '../connection';

/** What a command prints: the API's JSON with `--json`, else `human`. */
export interface CommandResult {
  /** Undefined when the API answered no body (204): nothing is printed. */
  readonly json: unknown;
  readonly human: string;
}

export type CommandHandler = (invocation: Invocation, connection: Connection) => Promise<CommandResult>;
