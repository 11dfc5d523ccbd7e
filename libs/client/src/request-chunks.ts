import type { OutgoingEvent } from './event-transport';

/**
 * Splits events, in order, into runs of at most `maxCount` events whose JSON array (`[a,b]`) is at
 * most `maxBytes` long. An event longer than that alone still gets a run of its own.
 */
export function requestChunks(events: readonly OutgoingEvent[], maxCount: number, maxBytes: number): OutgoingEvent[][] {
  const chunks: OutgoingEvent[][] = [];
  let bytes = 0;
  for (const event of events) {
    // Its JSON and the comma or closing bracket after it.
    const weight = Buffer.byteLength(event.json) + 1;
    const current = chunks.at(-1);
    if (current && current.length < maxCount && bytes + weight <= maxBytes) {
      current.push(event);
      bytes += weight;
    } else {
      chunks.push([event]);
      bytes = 1 + weight;
    }
  }
  return chunks;
}
