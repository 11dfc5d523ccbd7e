// The benchmark's handle on its receiver process (receiver.mjs).
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Receiver {
  #child;
  #waiting = [];

  constructor(child, [port, ...endpointPorts]) {
    this.#child = child;
    /** For the ceiling. */
    this.url = `http://127.0.0.1:${port}`;
    this.endpointPorts = endpointPorts;
    this.name = 'receiver';
    this.pid = child.pid;
    child.on('message', (message) => {
      if (message.type === 'drained') this.#waiting.shift()?.(message.arrivals);
    });
  }

  /** A receiver with one origin per endpoint (see receiver.mjs). */
  static async start(endpoints) {
    const child = fork(path.join(here, 'receiver.mjs'), [String(endpoints)]);
    const ports = await new Promise((resolve, reject) => {
      child.once('message', (message) => resolve(message.ports));
      child.once('exit', (code) => reject(new Error(`the receiver exited ${code}`)));
    });
    return new Receiver(child, ports);
  }

  /** The URL of an endpoint (`{index, route}` of plan.mjs). */
  urlOf({ index, route }) {
    return `http://127.0.0.1:${this.endpointPorts[index]}${route}`;
  }

  /** Requests to `route` (`/s/<index>`) are held open, unanswered, until `unhang`. */
  hang(route) {
    this.#child.send({ type: 'hang', route });
  }

  unhang(route) {
    this.#child.send({ type: 'unhang', route });
  }

  /** The [sequence, arrival time] pairs received since the last drain. */
  drain() {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#child.send({ type: 'drain' });
    });
  }

  /** Drains until `count` arrivals matching `filter` were received; returns every arrival drained. */
  async collect(count, timeoutMs, filter = () => true) {
    const arrivals = [];
    let matching = 0;
    const deadline = Date.now() + timeoutMs;
    while (matching < count) {
      if (Date.now() > deadline) throw new Error(`the receiver got ${matching} of ${count} expected requests within ${timeoutMs} ms`);
      await sleep(200);
      for (const arrival of await this.drain()) {
        arrivals.push(arrival);
        if (filter(arrival)) matching += 1;
      }
    }
    return arrivals;
  }

  stop() {
    return new Promise((resolve) => {
      if (this.#child.exitCode !== null) return resolve();
      this.#child.once('exit', resolve);
      this.#child.send({ type: 'stop' });
    });
  }
}
