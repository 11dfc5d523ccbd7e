// Ceiling: bare undici POSTs from one process to the receiver, as many in flight as delivery-service
// allows itself (DELIVERY_MAX_IN_FLIGHT), for a fixed time. Prints {requests, seconds} as JSON.
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

const [url, durationMs, concurrency] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const { origin, pathname } = new URL(url);
const pool = new Pool(origin, { connections: concurrency });
const body = JSON.stringify({ companyId: 6316, orderId: 6908 });
let requests = 0;
const began = performance.now();
const deadline = began + durationMs;

async function worker() {
  while (performance.now() < deadline) {
    const response = await pool.request({ method: 'POST', path: pathname, headers: { 'content-type': 'application/json' }, body });
    await response.body.text();
    requests += 1;
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
console.log(JSON.stringify({ requests, seconds: (performance.now() - began) / 1000 }));
await pool.close();
