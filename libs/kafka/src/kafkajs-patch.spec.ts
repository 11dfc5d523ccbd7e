// patches/kafkajs+2.2.4.patch, applied by patch-package after every install (see README).
const Encoder = require('kafkajs/src/protocol/encoder') as new () => { writeVarIntString(value: string): { buffer: Buffer } };
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => {
  throttleCheckTimeoutId: unknown;
  throttledUntil: number;
  push(request: { entry: object; expectResponse: boolean; sendRequest: () => void }): void;
  fulfillRequest(response: { correlationId: number; payload: null; size: number }): void;
  destroy(): void;
};

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const queues: InstanceType<typeof RequestQueue>[] = [];
const requestQueue = () => {
  const queue = new RequestQueue({ requestTimeout: 30_000, clientId: 'test', broker: '127.0.0.1:9092', logger: quiet });
  queues.push(queue);
  return queue;
};
const entry = (correlationId: number) => ({ correlationId, apiName: 'Produce', apiKey: 0, apiVersion: 3, resolve: () => undefined, reject: () => undefined });

describe('the kafkajs patch', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    for (const queue of queues.splice(0)) queue.destroy();
  });

  it('lets the encoder take its buffers from the pool instead of zero-filling them', () => {
    const unsafe = jest.spyOn(Buffer, 'allocUnsafe');
    const zeroed = jest.spyOn(Buffer, 'alloc');
    const encoded = new Encoder().writeVarIntString('x'.repeat(600)).buffer;
    expect(encoded.subarray(2).toString()).toBe('x'.repeat(600));
    expect(unsafe).toHaveBeenCalledTimes(2);
    expect(zeroed).not.toHaveBeenCalled();
  });

  it('arms no timer on a connection with nothing pending (unpatched: one every millisecond, forever)', () => {
    const queue = requestQueue();
    queue.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('still sends a request held back by broker throttling once the throttle ends', async () => {
    const queue = requestQueue();
    queue.throttledUntil = Date.now() + 20;
    let sentAt = 0;
    const sent = new Promise<void>((resolve) =>
      queue.push({
        entry: entry(1),
        expectResponse: false,
        sendRequest: () => {
          sentAt = Date.now();
          resolve();
        },
      }),
    );
    expect(sentAt).toBe(0);
    await sent;
    expect(sentAt).toBeGreaterThanOrEqual(queue.throttledUntil);
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('checksums a record batch in native code, with the CRC-32C the broker checks', () => {
    const native = jest.spyOn(require('@node-rs/crc32') as { crc32c: (input: Buffer) => number }, 'crc32c');
    jest.isolateModules(() => {
      const crc32C = require('kafkajs/src/protocol/recordBatch/crc32C') as (buffer: Buffer) => number;
      // The standard check value of CRC-32C (Castagnoli).
      expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283);
      const batch = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) & 0xff));
      expect(crc32C(batch)).toBe((require('kafkajs/src/protocol/recordBatch/crc32C/crc32C') as (buffer: Buffer) => number)(batch));
    });
    expect(native).toHaveBeenCalledTimes(2);
  });
});
