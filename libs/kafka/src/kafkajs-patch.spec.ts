// patches/kafkajs+2.2.4.patch, applied by patch-package after every install (see README).
const Encoder = require('kafkajs/src/protocol/encoder') as new () => { writeVarIntString(value: string): { buffer: Buffer } };

describe('the kafkajs patch', () => {
  afterEach(() => jest.restoreAllMocks());

  it('lets the encoder take its buffers from the pool instead of zero-filling them', () => {
    const unsafe = jest.spyOn(Buffer, 'allocUnsafe');
    const zeroed = jest.spyOn(Buffer, 'alloc');
    const encoded = new Encoder().writeVarIntString('x'.repeat(600)).buffer;
    expect(encoded.subarray(2).toString()).toBe('x'.repeat(600));
    expect(unsafe).toHaveBeenCalledTimes(2);
    expect(zeroed).not.toHaveBeenCalled();
  });
});
