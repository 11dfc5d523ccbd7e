import { COMMANDS, CONNECTION_OPTIONS, parseInvocation, UsageError } from './cli-arguments';

const usageError = (argv: string[]) => {
  try {
    parseInvocation(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`${argv.join(' ')} parsed without a usage error`);
};

describe('parseInvocation', () => {
  it('reads the command words, its options and the connection options wherever they stand', () => {
    expect(parseInvocation(['--json', 'deliveries', 'list', '--status', 'failed', '--config-url=http://config:3001', '--key', 'hbk_k'])).toEqual({
      command: 'deliveries list',
      options: { status: 'failed', 'config-url': 'http://config:3001', key: 'hbk_k' },
      positionals: [],
      json: true,
    });
    expect(parseInvocation(['keys', 'revoke', 'key_0123456789abcdef', '--tenant', 'tnt_1'])).toEqual({
      command: 'keys revoke',
      options: { tenant: 'tnt_1' },
      positionals: ['key_0123456789abcdef'],
      json: false,
    });
  });

  it("keeps every command's options apart from the connection options (a subscription's --url is not config-service's)", () => {
    const shadowing = Object.entries(COMMANDS).flatMap(([command, { options }]) => options.filter((name) => (CONNECTION_OPTIONS as readonly string[]).includes(name)).map((name) => `${command} --${name}`));
    expect(shadowing).toEqual([]);
    expect(parseInvocation(['subscriptions', 'create', '--plugin', 'webhook', '--hook', 'events', '--url', 'https://erp/hook', '--config-url', 'http://config:3001'])).toMatchObject({
      options: { url: 'https://erp/hook', 'config-url': 'http://config:3001' },
    });
  });

  it('answers help to --help or -h, with or without a command', () => {
    expect(parseInvocation(['--help'])).toBe('help');
    expect(parseInvocation(['deliveries', 'show', '-h'])).toBe('help');
  });

  it('refuses an unknown or missing command', () => {
    expect(usageError([])).toBe('no command given');
    expect(usageError(['deliveries'])).toBe('unknown command: deliveries');
    expect(usageError(['deliveries', 'delete', 'd1'])).toBe('unknown command: deliveries delete');
  });

  it("refuses an option the command does not take, naming it, and one left without its value", () => {
    expect(usageError(['deliveries', 'show', 'd1', '--status', 'failed'])).toMatch(/Unknown option '--status'/);
    expect(usageError(['tenants', 'create', '--name'])).toMatch(/Option '--name <value>' argument missing/);
  });

  it('wants exactly the values a command takes after its words', () => {
    expect(usageError(['deliveries', 'show'])).toBe('deliveries show takes ID after the command');
    expect(usageError(['deliveries', 'retry', 'd1', 'd2'])).toBe('deliveries retry takes ID after the command, not d2');
    expect(usageError(['subscriptions', 'list', 'extra'])).toBe('subscriptions list takes no values after the command, not extra');
  });

  it('names the options a command is missing', () => {
    expect(usageError(['events', 'publish', '--data', '{}'])).toBe('events publish: missing --type, --subject');
    expect(usageError(['deliveries', 'recover', '--since', '2026-01-01T00:00:00Z'])).toBe('deliveries recover: missing --until');
    expect(usageError(['keys', 'create', '--tenant', 't'])).toBe('keys create: missing --roles');
    expect(usageError(['subscriptions', 'create', '--plugin', 'webhook'])).toBe('subscriptions create: missing --hook, --url');
  });

  it('takes the data of an event as --data or --data-file, one of them', () => {
    const publish = ['events', 'publish', '--type', 'order.confirmed', '--subject', 'o-1'];
    expect(usageError(publish)).toBe('events publish: give the data as --data JSON or --data-file FILE, one of them');
    expect(usageError([...publish, '--data', '{}', '--data-file', 'f.json'])).toBe('events publish: give the data as --data JSON or --data-file FILE, one of them');
    expect(parseInvocation([...publish, '--data-file', 'f.json'])).toMatchObject({ options: { 'data-file': 'f.json' } });
  });

  it('takes a subscription from --from-file alone', () => {
    expect(parseInvocation(['subscriptions', 'create', '--from-file', 's.json', '--key', 'hbk_k'])).toMatchObject({ options: { 'from-file': 's.json', key: 'hbk_k' } });
    expect(usageError(['subscriptions', 'create', '--from-file', 's.json', '--url', 'https://x'])).toBe(
      'subscriptions create: --from-file takes the whole subscription: leave out --url',
    );
  });
});
