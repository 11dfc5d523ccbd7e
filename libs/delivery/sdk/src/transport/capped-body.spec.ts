import { Readable } from 'node:stream';
import { readCappedBody } from './capped-body';

describe('readCappedBody', () => {
  it('reads a body up to the cap whole', async () => {
    expect(await readCappedBody(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 4)).toEqual({ text: 'abcd', truncated: false });
  });

  it('stops past the cap, destroys the stream and drops a character cut in half', async () => {
    const stream = Readable.from([Buffer.from('aé'), Buffer.from('bbbb')]); // 'é' is 2 bytes
    expect(await readCappedBody(stream, 2)).toEqual({ text: 'a', truncated: true });
    expect(stream.destroyed).toBe(true);
  });
});
