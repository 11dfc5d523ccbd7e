import { InvalidEventError, RefusedError } from '@hookbus/client';
import type { ValidationIssue } from '@hookbus/contracts';
import { COMMANDS, type CommandName, parseInvocation, UsageError } from './cli-arguments';
import type { CommandHandler } from './commands/command-handler';
import { listDeliveries, recoverDeliveries, retryDelivery, showDelivery } from './commands/deliveries.commands';
import { publishEvent } from './commands/events.commands';
import { createKey, revokeKey } from './commands/keys.commands';
import { createSubscription, disableSubscription, listSubscriptions } from './commands/subscriptions.commands';
import { createTenant } from './commands/tenants.commands';
import { connectionOf } from './connection';
import { ExitCode, exitCodeOf } from './exit-codes';
import { HELP } from './usage';

const HANDLERS: Record<CommandName, CommandHandler> = {
  'events publish': publishEvent,
  'deliveries list': listDeliveries,
  'deliveries show': showDelivery,
  'deliveries retry': retryDelivery,
  'deliveries recover': recoverDeliveries,
  'subscriptions list': listSubscriptions,
  'subscriptions create': createSubscription,
  'subscriptions disable': disableSubscription,
  'tenants create': createTenant,
  'keys create': createKey,
  'keys revoke': revokeKey,
};

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Runs `hookbus <argv>`: prints the answer to `out`, what went wrong to `err`, and says the exit code. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, output: Output): Promise<ExitCode> {
  try {
    const invocation = parseInvocation(argv);
    if (invocation === 'help') {
      output.out(HELP);
      return ExitCode.ok;
    }
    const connection = connectionOf(invocation.options, env, COMMANDS[invocation.command].credential);
    const result = await HANDLERS[invocation.command](invocation, connection);
    if (!invocation.json) output.out(result.human);
    else if (result.json !== undefined) output.out(JSON.stringify(result.json, null, 2));
    return ExitCode.ok;
  } catch (error) {
    output.err(failureText(error));
    return exitCodeOf(error);
  }
}

/** What went wrong, each broken rule on a line of its own; for a usage error, where to look. */
export function failureText(error: unknown): string {
  if (error instanceof UsageError) return `hookbus: ${error.message}\nrun \`hookbus --help\` for the commands and their options`;
  if (error instanceof InvalidEventError) return withIssues('the event breaks the contract; nothing was sent', error.issues);
  if (error instanceof RefusedError && typeof error.problem === 'object') {
    const { title, detail, errors = [] } = error.problem;
    return withIssues(`${error.request} answered ${error.status}: ${[title, detail].filter(Boolean).join(': ')}`, errors);
  }
  return `hookbus: ${error instanceof Error ? error.message : String(error)}`;
}

const withIssues = (headline: string, issues: readonly ValidationIssue[]) =>
  [`hookbus: ${headline}`, ...issues.map(({ field, rule, message }) => `  ${field}: ${message} (${rule})`)].join('\n');
