// The benchmark's handle on its receiver process (receiver.mjs).
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Receiver {
  #child;
  #waiting = [];
  #refusals = [];

  constructor(child, [port, ...endpointPorts]) {
    this.#child = child;
    /** For the ceiling. */
    this.url = `http://127.0.0.1:${port}`;
    this.endpointPorts = endpointPorts;
    this.name = 'receiver';
    this.pid = child.pid;
    child.on('message', (message) => {
      if (message.type === 'drained') this.#waiting.shift()?.(message.arrivals);
      if (message.type === 'refusals') this.#refusals.shift()?.(message.refused);
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

  /** For the next `ms`, requests to `route` are answered 429 with `Retry-After: <retryAfter>` (seconds), then 200 again. */
  throttle(route, ms, retryAfter) {
    this.#child.send({ type: 'throttle', route, ms, retryAfter });
  }

  /** The [sequence, arrival time] pairs of the requests answered 429 since the last call. */
  refusals() {
    return new Promise((resolve) => {
      this.#refusals.push(resolve);
      this.#child.send({ type: 'refusals' });
    });
  }

  /** The [sequence, arrival time, endpoint index] of the requests received since the last drain. */
  drain() {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#child.send({ type: 'drain' });
    });
  }

  /**
   * Drains until arrivals of `count` different deliveries matching `filter` were received (one per
   * sequence, or per `keyOf(arrival)`: a delivery sent twice counts once); returns every arrival
   * drained. After `timeoutMs` it throws, or with `giveUp` returns what arrived by then.
   */
  async collect(count, timeoutMs, filter = () => true, { giveUp = false, keyOf = ([seq]) => seq } = {}) {
    const arrivals = [];
    const matching = new Set();
    const deadline = Date.now() + timeoutMs;
    while (matching.size < count) {
      await sleep(200);
      for (const arrival of await this.drain()) {
        arrivals.push(arrival);
        if (filter(arrival)) matching.add(keyOf(arrival));
      }
      if (matching.size < count && Date.now() > deadline) {
        if (giveUp) break;
        throw new Error(`the receiver got ${matching.size} of ${count} expected requests within ${timeoutMs} ms`);
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
