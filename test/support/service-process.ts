import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pollUntil, testBrokers } from '@hookbus/testing';

const root = path.resolve(__dirname, '../..');

/** The operator token every spawned service gets unless the test sets HOOKBUS_ADMIN_TOKEN itself. */
export const OPERATOR_TOKEN = `operator-${randomBytes(12).toString('hex')}`;

/** One JSON log line of a service. `message` is a string or the object the code logged. */
export interface LogLine {
  readonly level: string;
  readonly context?: string;
  readonly message: unknown;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A hookbus service running as its own process from the build (dist/), as `npm start` runs it. */
export class ServiceProcess {
  readonly logs: LogLine[] = [];
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      if (stream === null) continue;
      createInterface({ input: stream }).on('line', (line) => {
        this.output.push(line);
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          // not a JSON line (e.g. a Node warning); kept in `output`
        }
      });
    }
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  /** The distinct Unix niceness values of the process's threads (field 19 of /proc/<pid>/task/<tid>/stat). */
  niceness(): number[] {
    const tasks = `/proc/${this.child.pid}/task`;
    const values = readdirSync(tasks).flatMap((tid) => {
      try {
        return [Number(readFileSync(`${tasks}/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16])];
      } catch {
        return []; // the thread ended since the listing (an idle pool thread)
      }
    });
    return [...new Set(values)].sort((a, b) => a - b);
  }

  /**
   * Spawns the service with the test broker, the test operator token and the given environment, on
   * `port` (a free one by default; a restarted service keeps its address).
   */
  static async spawn(name: string, env: Record<string, string>, port?: number): Promise<ServiceProcess> {
    const main = path.join(root, 'dist', 'apps', name, 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run the tests through \`npm test\`, which builds first`);
    port ??= await freePort();
    const child = spawn(process.execPath, ['--enable-source-maps', main], {
      cwd: root,
      env: { PATH: process.env.PATH, KAFKA_BROKERS: env.KAFKA_BROKERS ?? testBrokers().join(','), PORT: String(port), HOOKBUS_ADMIN_TOKEN: OPERATOR_TOKEN, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(name, `http://127.0.0.1:${port}`, child);
  }

  /** `GET path` with the operator token, as the ops routes (`/v1/subscription-view`, `/v1/pending`) require. */
  asOperator(pathAndQuery: string): Promise<Response> {
    return fetch(`${this.url}${pathAndQuery}`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
  }

  /** Polls `/health/ready` until it answers 200. */
  async ready(timeoutMs = 45_000): Promise<this> {
    await pollUntil(`${this.name} is ready`, async () => {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited: ${this.output.slice(-5).join('\n')}`);
      return (await fetch(`${this.url}/health/ready`)).ok;
    }, { timeoutMs, intervalMs: 100 });
    return this;
  }

  /** The first log line whose (object) message satisfies `predicate`, once it has been written. */
  waitForLog(description: string, predicate: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    return pollUntil(description, () =>
      this.logs
        .map(({ message }) => message)
        .find((message): message is Record<string, unknown> =>
          typeof message === 'object' && message !== null && predicate(message as Record<string, unknown>)),
    );
  }

  /** Kills the process without any shutdown (a crash) and resolves once it is gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Sends `signals` (SIGTERM by default) one after another and resolves with the exit code. */
  async stop(...signals: NodeJS.Signals[]): Promise<number | null> {
    for (const signal of signals.length > 0 ? signals : ['SIGTERM' as const]) if (this.child.exitCode === null) this.child.kill(signal);
    const code = await this.exited;
    // An unclean exit fails the test that asserted it; its last words say why.
    if (code !== 0) console.error(`${this.name} exited ${code}:\n${this.output.slice(-20).join('\n')}`);
    return code;
  }
}
