// The benchmark's webhook receiver, run as a child process of tools/bench/bench.mjs so that its
// work does not share the bench's event loop. Answers every request 200 with a small JSON body
// (Komet reads `status`), except on paths told to hang, and on paths told to throttle, which get
// 429 with `Retry-After` for a while. Records when each request arrived, in the order it read them.
// It listens on one port per endpoint (argv[2] of them) plus one for the ceiling: endpoints of
// different customers are different origins, and delivery-service bounds what is in flight per origin.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';

const REPLY = '{"status":"1","message":"ok"}';
const now = () => performance.timeOrigin + performance.now();
const hanging = new Set();
// route → { until (ms since epoch), retryAfter (seconds) }: answered 429 until then.
const throttled = new Map();
// [sequence, time, endpoint index] of the requests answered 200.
let arrivals = [];
// [sequence, time] of the requests answered 429.
let refused = [];
let count = 0;

/**
 * The event's sequence number, wherever the plugin's dialect put it (see plan.mjs), or the
 * baseline, which POSTs the event's data as it is (`orderNo`, `seq`).
 */
function sequenceOf(url, body) {
  const inPath = /^\/s\/\d+\/(\d+)$/.exec(url);
  if (inPath) return Number(inPath[1]);
  try {
    const json = JSON.parse(body);
    return Number(json.orderId ?? json.order_no ?? json.orderNo ?? json.seq ?? json.data?.seq ?? json.data?.orderId ?? json.data?.orderNo);
  } catch {
    return NaN;
  }
}

const handle = (request, response, endpoint) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const at = now();
    const route = request.url.split('/').slice(0, 3).join('/');
    if (hanging.has(route)) return; // held open until the client gives up
    const seq = sequenceOf(request.url, Buffer.concat(chunks).toString('utf8'));
    const throttle = throttled.get(route);
    if (throttle && at < throttle.until) {
      refused.push([seq, at]);
      response.writeHead(429, { 'retry-after': String(throttle.retryAfter), 'content-length': 0 });
      return response.end();
    }
    count += 1;
    arrivals.push([seq, at, endpoint]);
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(REPLY) });
    response.end(REPLY);
  });
};

// The first server is the ceiling's; endpoint n listens on the one after.
const servers = Array.from({ length: Number(process.argv[2]) + 1 }, (_, port) => {
  const server = createServer((request, response) => handle(request, response, port - 1));
  server.keepAliveTimeout = 60_000;
  return server;
});

process.on('message', (message) => {
  if (message.type === 'hang') hanging.add(message.route);
  if (message.type === 'unhang') hanging.delete(message.route);
  if (message.type === 'throttle') throttled.set(message.route, { until: now() + message.ms, retryAfter: message.retryAfter });
  if (message.type === 'count') process.send({ type: 'count', count });
  // Hands over what arrived since the last drain: [sequence, arrival time (ms since epoch)] pairs.
  if (message.type === 'drain') {
    process.send({ type: 'drained', arrivals, count });
    arrivals = [];
  }
  if (message.type === 'refusals') {
    process.send({ type: 'refusals', refused });
    refused = [];
  }
  if (message.type === 'stop') {
    for (const server of servers) server.closeAllConnections();
    Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))).then(() => process.exit(0));
  }
});

Promise.all(servers.map((server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port))))).then(
  (ports) => process.send({ type: 'listening', ports }),
);
