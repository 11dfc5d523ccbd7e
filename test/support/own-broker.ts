import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { pollUntil } from '@hookbus/testing';

const run = promisify(execFile);
const LOCAL_KAFKA = path.resolve(__dirname, '../../tools/kafka/local-kafka.mjs');

/**
 * An Apache Kafka broker of its own (tools/kafka/local-kafka.mjs with a home and port of its own),
 * for the chaos run and tests that stop or kill it: that never touches the broker a developer or
 * the other tests are using.
 */
export class OwnBroker {
  constructor(
    private readonly home: string,
    private readonly port: number,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Starts the broker (formatting its storage the first time) and resolves once it answers. */
  async start(): Promise<void> {
    await this.localKafka('start');
  }

  /** A clean shutdown: the broker's controlled shutdown moves nothing (one node) but syncs its logs. */
  async stop(): Promise<void> {
    await this.localKafka('stop');
  }

  /** A crash: SIGKILL, and resolves once the process is gone. */
  async kill(): Promise<void> {
    const pid = this.pid();
    if (pid === undefined) return;
    process.kill(pid, 'SIGKILL');
    await pollUntil('the killed broker is gone', () => !this.alive(pid), { timeoutMs: 10_000 });
  }

  private pid(): number | undefined {
    const file = path.join(this.home, 'kafka.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8')) : undefined;
  }

  private alive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  private async localKafka(command: 'start' | 'stop'): Promise<void> {
    const { KAFKA_BROKERS: _ignored, ...env } = process.env;
    await run(process.execPath, [LOCAL_KAFKA, command], {
      env: { ...env, HOOKBUS_KAFKA_HOME: this.home, HOOKBUS_KAFKA_PORT: String(this.port) },
      timeout: 180_000,
    });
  }
}
