import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

const frame = (functionName: string, url = '') => ({ functionName, url, scriptId: '0', lineNumber: 0, columnNumber: 0 });

// A profile whose samples (by node id) each took 1 ms: a copy in kafkajs's encoder of a produce
// request, one under undici, a zod parse called from Nest's layer, GC, idle and module loading.
const profile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 5, 8, 9, 10, 11] },
    { id: 2, callFrame: frame('send', 'file:///x/node_modules/kafkajs/src/protocol/requests/produce/v3/request.js'), children: [3] },
    { id: 3, callFrame: frame('writeBytes', 'file:///x/node_modules/kafkajs/src/protocol/encoder.js'), children: [4] },
    { id: 4, callFrame: frame('copy') },
    { id: 5, callFrame: frame('write', 'file:///x/node_modules/undici/lib/dispatcher/client-h1.js'), children: [6] },
    { id: 6, callFrame: frame('writev') },
    { id: 7, callFrame: frame('parse', 'file:///x/node_modules/zod/v4/core/schemas.js') },
    { id: 8, callFrame: frame('handleEvent', 'file:///x/node_modules/@nestjs/microservices/server/server.js'), children: [7] },
    { id: 9, callFrame: frame('(garbage collector)') },
    { id: 10, callFrame: frame('(idle)') },
    { id: 11, callFrame: frame('Module._load', 'node:internal/modules/cjs/loader'), children: [12] },
    { id: 12, callFrame: frame('parse', 'file:///x/node_modules/zod/v4/core/schemas.js') },
  ],
  samples: [4, 4, 6, 7, 7, 7, 9, 10, 10, 12],
  timeDeltas: Array(10).fill(1000),
};

const script = `
import { splitProfile } from './tools/bench/cpu-split.mjs';
console.log(JSON.stringify([...splitProfile(JSON.parse(process.argv[1]))]));
`;

describe('the bench profile split (tools/bench/cpu-split.mjs)', () => {
  it('gives each busy sample to the innermost part that claims a frame of its stack, leaving idle and start-up out', () => {
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(profile)], { cwd: root, encoding: 'utf8' });
    expect(Object.fromEntries(JSON.parse(output))).toEqual({
      'log record: produced (kafkajs encoding and checksum, the publish batcher)': 2,
      'HTTP send (undici, its sockets)': 1,
      'event: parsed and validated (JSON, zod)': 3,
      'garbage collection': 1,
    });
  });
});
