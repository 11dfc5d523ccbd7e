// The hookbus services as child processes of the benchmark, from the build (dist/).
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Linux reports process CPU time in clock ticks of 1/100 s.
const CLOCK_TICKS = 100;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU time process `pid` has used so far, in seconds: `{ user, system }`. */
export function cpuSecondsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]) / CLOCK_TICKS, system: Number(fields[12]) / CLOCK_TICKS };
}

/**
 * Seconds the main thread of process `pid` has spent on a CPU and runnable but waiting for one
 * (`/proc/<pid>/task/<pid>/schedstat`, in ns): a Node process does its work on that thread, so a
 * long wait means the cores were busy with others, not that the process had nothing to do.
 */
export function mainThreadSecondsOf(pid) {
  const [running, waiting] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number);
  return { running: running / 1e9, waiting: waiting / 1e9 };
}

/** CPU time the whole machine has spent busy so far (every process and the kernel), in seconds. */
export function machineBusySeconds() {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS;
}

/** Where the services' logs (warnings and errors) of the last run are kept. */
export const LOG_DIR = path.join(root, '.data', 'bench-logs');

/** Starts `name` with `env` on `port` and resolves once `/health/ready` answers 200. */
export async function startService(name, port, env, extraNodeArgs = []) {
  mkdirSync(LOG_DIR, { recursive: true, mode: 0o700 });
  const out = openSync(path.join(LOG_DIR, `${name}-${port}.log`), 'a');
  const child = spawn(process.execPath, [...extraNodeArgs, path.join(root, 'dist', 'apps', name, 'src', 'main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', out, out],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited ${child.exitCode}; see ${LOG_DIR}`);
    const ready = await fetch(`${url}/health/ready`).then((response) => response.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`${name} was not ready within 60 s`);
    await sleep(100);
  }
  return {
    name,
    url,
    pid: child.pid,
    /** The process's peak resident set (VmHWM) so far, in MB. */
    peakRssMb() {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : NaN;
    },
    /** The process's resident set now (VmRSS), in MB; 0 once it has exited. */
    rssMb() {
      if (child.exitCode !== null) return 0;
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : 0;
    },
    cpuSeconds: () => cpuSecondsOf(child.pid),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
