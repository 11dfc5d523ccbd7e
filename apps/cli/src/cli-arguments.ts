import { parseArgs } from 'node:util';

/** A mistake in how the command was called: exit 1, with a hint to `hookbus --help`. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Which credential a command sends (see `hookbus --help`). */
export type Credential = 'producer' | 'operator' | 'tenant';

interface CommandSyntax {
  /** Its own options; each takes a value. */
  readonly options: readonly string[];
  /** Names of the values it takes after the command words, in order, all required. */
  readonly positionals?: readonly string[];
  readonly credential: Credential;
  /** Options that must be given, or the problem with the combination given. */
  readonly check?: (options: Options) => string | undefined;
}

export type Options = Readonly<Record<string, string | undefined>>;

const required =
  (...names: string[]) =>
  (options: Options): string | undefined => {
    const missing = names.filter((name) => options[name] === undefined);
    return missing.length > 0 ? `missing ${missing.map((name) => `--${name}`).join(', ')}` : undefined;
  };

// The options `subscriptions create` builds a subscription from, unless it is given whole by --from-file.
const SUBSCRIPTION_FIELDS = ['plugin', 'hook', 'url', 'method', 'auth', 'settings', 'error-emails'] as const;

export const COMMANDS = {
  'events publish': {
    options: ['type', 'subject', 'data', 'data-file', 'source', 'id', 'time', 'origin'],
    credential: 'producer',
    check: (options) =>
      required('type', 'subject')(options) ??
      ((options.data === undefined) === (options['data-file'] === undefined) ? 'give the data as --data JSON or --data-file FILE, one of them' : undefined),
  },
  'deliveries list': { options: ['subscription', 'event', 'subject', 'status', 'since', 'until', 'limit', 'cursor'], credential: 'tenant' },
  'deliveries show': { options: [], positionals: ['ID'], credential: 'tenant' },
  'deliveries retry': { options: [], positionals: ['ID'], credential: 'tenant' },
  'deliveries recover': { options: ['since', 'until', 'subscription'], credential: 'tenant', check: required('since', 'until') },
  'subscriptions list': { options: ['cursor'], credential: 'tenant' },
  'subscriptions create': {
    options: [...SUBSCRIPTION_FIELDS, 'from-file'],
    credential: 'tenant',
    check: (options) => {
      if (options['from-file'] === undefined) return required('plugin', 'hook', 'url')(options);
      const alongside = SUBSCRIPTION_FIELDS.filter((name) => options[name] !== undefined);
      return alongside.length > 0 ? `--from-file takes the whole subscription: leave out ${alongside.map((name) => `--${name}`).join(', ')}` : undefined;
    },
  },
  'subscriptions disable': { options: [], positionals: ['ID'], credential: 'tenant' },
  'tenants create': { options: ['name'], credential: 'operator', check: required('name') },
  'keys create': { options: ['tenant', 'roles'], credential: 'tenant', check: required('tenant', 'roles') },
  'keys revoke': { options: ['tenant'], positionals: ['KEYID'], credential: 'tenant', check: required('tenant') },
} as const satisfies Record<string, CommandSyntax>;

export type CommandName = keyof typeof COMMANDS;

/** Options every command takes: where the platform is, who calls it, how often to try. */
export const CONNECTION_OPTIONS = ['config-url', 'ingest-url', 'key', 'admin-token', 'attempts'] as const;

const GLOBAL = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(CONNECTION_OPTIONS.map((name) => [name, { type: 'string' }])),
} as const;

export interface Invocation {
  readonly command: CommandName;
  /** Its own options and the connection options, by name without `--`. */
  readonly options: Options;
  readonly positionals: readonly string[];
  readonly json: boolean;
}

/** `help` when asked for (`--help`, `-h`); else the command, or a UsageError saying what is wrong. */
export function parseInvocation(argv: readonly string[]): Invocation | 'help' {
  const commandOptions = new Set<string>(Object.values(COMMANDS).flatMap((syntax) => syntax.options));
  // A first, lenient read only to find the command words, wherever the options stand.
  const lenient = parseArgs({
    args: [...argv],
    options: { ...GLOBAL, ...Object.fromEntries([...commandOptions].map((name) => [name, { type: 'string' as const }])) },
    allowPositionals: true,
    strict: false,
  });
  if (lenient.values.help) return 'help';
  const [group, action] = lenient.positionals;
  if (group === undefined) throw new UsageError('no command given');
  const command = `${group} ${action ?? ''}`.trim();
  if (!(command in COMMANDS)) throw new UsageError(`unknown command: ${command}`);
  const syntax: CommandSyntax = COMMANDS[command as CommandName];

  const { values, positionals } = readStrictly(argv, syntax);
  const expected = syntax.positionals ?? [];
  const given = positionals.slice(2);
  if (given.length !== expected.length) {
    throw new UsageError(`${command} takes ${expected.length === 0 ? 'no values' : expected.join(' ')} after the command${given.length > expected.length ? `, not ${given.slice(expected.length).join(' ')}` : ''}`);
  }
  const { json, help: _help, ...options } = values;
  const problem = syntax.check?.(options as Options);
  if (problem) throw new UsageError(`${command}: ${problem}`);
  return { command: command as CommandName, options: options as Options, positionals: given, json: json === true };
}

function readStrictly(argv: readonly string[], syntax: CommandSyntax) {
  try {
    return parseArgs({
      args: [...argv],
      options: { ...GLOBAL, ...Object.fromEntries(syntax.options.map((name) => [name, { type: 'string' as const }])) },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // node:util's own message names the option ("Unknown option '--x'", "Option '--type <value>' argument missing").
    throw new UsageError(error instanceof Error ? error.message.split('. ')[0] : String(error));
  }
}
