import type { OutgoingEvent } from './event-transport';
import { requestChunks } from './request-chunks';

const event = (bytes: number) => ({ json: 'x'.repeat(bytes) }) as OutgoingEvent;
const sizes = (chunks: OutgoingEvent[][]) => chunks.map((chunk) => chunk.map(({ json }) => json.length));

describe('requestChunks', () => {
  it('fills each run up to the count and to the bytes of its JSON array, in order', () => {
    expect(sizes(requestChunks([1, 2, 3, 4, 5].map(event), 2, Infinity))).toEqual([[1, 2], [3, 4], [5]]);
    // `[a,b]` of 4 + 4 bytes is 11 bytes; a third would make 16.
    expect(sizes(requestChunks([4, 4, 4].map(event), 10, 11))).toEqual([[4, 4], [4]]);
  });

  it('gives an event larger than the limit a run of its own', () => {
    expect(sizes(requestChunks([2, 50, 2].map(event), 10, 10))).toEqual([[2], [50], [2]]);
  });
});
