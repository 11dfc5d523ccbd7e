import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidEventError, RefusedError, UnavailableError } from '@hookbus/client';
import { UsageError } from './cli-arguments';
import { failureText, runCli } from './cli';
import { ExitCode, exitCodeOf } from './exit-codes';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, env, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('hookbus', () => {
  it('prints the help, with the exit codes, and exits 0', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(ExitCode.ok);
    expect(out).toMatch(/^usage: hookbus <command> \[options\]$/m);
    expect(out).toMatch(/^ {2}2 {2}refused: the platform answered 4xx/m);
  });

  it('exits 1 on a usage error, saying what is wrong and where to look', async () => {
    const { code, err } = await run(['tenants', 'create'], { HOOKBUS_ADMIN_TOKEN: 'operator-token' });
    expect(code).toBe(ExitCode.usage);
    expect(err).toBe('hookbus: tenants create: missing --name\nrun `hookbus --help` for the commands and their options');
  });

  it('exits 1 on data that is not JSON, naming the option', async () => {
    const { code, err } = await run(['events', 'publish', '--type', 'order.confirmed', '--subject', 's', '--data', '{companyId: 1}'], { HOOKBUS_KEY: 'hbk_k' });
    expect(code).toBe(ExitCode.usage);
    expect(err).toMatch(/^hookbus: --data: is not JSON \(/);
  });

  it('exits 2 on an event that breaks the contract, each broken rule on a line, before any request', async () => {
    const nowhere = `http://127.0.0.1:${await closedPort()}`;
    const { code, err } = await run(['events', 'publish', '--type', 'order.confirmed', '--subject', 's', '--data', '{}', '--time', 'noon', '--origin', 'web', '--ingest-url', nowhere], { HOOKBUS_KEY: 'hbk_k' });
    expect(code).toBe(ExitCode.refused);
    expect(err.split('\n')).toEqual([
      'hookbus: the event breaks the contract; nothing was sent',
      expect.stringMatching(/^ {2}time: .* \(invalid_format\)$/),
      expect.stringMatching(/^ {2}origin: .* \(invalid_value\)$/),
    ]);
  });

  it('exits 3 when the platform does not answer, after the attempts it was given', async () => {
    const nowhere = `http://127.0.0.1:${await closedPort()}`;
    const { code, err } = await run(['deliveries', 'list', '--config-url', nowhere, '--attempts', '1'], { HOOKBUS_KEY: 'hbk_k' });
    expect(code).toBe(ExitCode.unavailable);
    expect(err).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/v1\/deliveries got no answer \(.*ECONNREFUSED.*\) after 1 attempt/);
  });

  it("maps each error to its exit code, and prints a refusal's problem with one broken rule a line", () => {
    const refused = new RefusedError('POST http://config/v1/tenants', 400, { title: 'Invalid request', detail: 'The request does not satisfy the contract.', errors: [{ field: 'name', rule: 'too_small', message: 'is required' }] });

    expect([new UsageError('x'), refused, new InvalidEventError([]), new UnavailableError('down', 5), new TypeError('bug')].map(exitCodeOf)).toEqual([1, 2, 2, 3, 4]);
    expect(failureText(refused)).toBe('hookbus: POST http://config/v1/tenants answered 400: Invalid request: The request does not satisfy the contract.\n  name: is required (too_small)');
  });
});
