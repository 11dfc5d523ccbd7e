#!/usr/bin/env node
// `node tools/bench/otlp-sink.mjs [port]`: a loopback OTLP/HTTP endpoint (default 4318) that accepts
// every export and keeps nothing, so a bench run with tracing on measures what exporting costs the
// services rather than a collector. On SIGTERM or Ctrl-C it prints how many exports and bytes it took.
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 4318);
const received = { exports: 0, bytes: 0 };
const server = createServer((request, response) => {
  request.on('data', (chunk) => (received.bytes += chunk.length));
  request.on('end', () => {
    received.exports += 1;
    response.writeHead(200, { 'content-type': request.headers['content-type'] ?? 'application/x-protobuf' }).end();
  });
});
server.listen(port, '127.0.0.1', () => console.log(`[otlp-sink] accepting OTLP/HTTP exports on http://127.0.0.1:${port}`));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    console.log(`[otlp-sink] ${JSON.stringify(received)}`);
    process.exit(0);
  });
}
