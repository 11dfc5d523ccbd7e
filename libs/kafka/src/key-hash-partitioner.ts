import { randomInt } from 'node:crypto';
import type { ICustomPartitioner } from 'kafkajs';

const M = 0x5bd1e995;

/**
 * Kafka's murmur2 key hash, as the Java client's default partitioner computes it. kafkajs has it
 * too, but in 64-bit `Long` objects; 32-bit integer arithmetic gives the same bits at a fraction of
 * the cost, which counted at batch ingest (7 % of the process).
 */
export function murmur2(key: Buffer | string): number {
  const data = typeof key === 'string' ? Buffer.from(key) : key;
  const length = data.length;
  const tail = length & ~3;
  let h = 0x9747b28c ^ length;
  for (let i = 0; i < tail; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    h = Math.imul(h, M) ^ Math.imul(k, M);
  }
  const rest = length & 3;
  if (rest > 0) {
    if (rest === 3) h ^= data[tail + 2] << 16;
    if (rest >= 2) h ^= data[tail + 1] << 8;
    h = Math.imul(h ^ data[tail], M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  return h ^ (h >>> 15);
}

/**
 * kafkajs's DefaultPartitioner with the cheaper hash: a message's own partition if it has one, else
 * its key's partition (the one the Java client would pick), else round-robin over the partitions
 * that have a leader.
 */
export const KeyHashPartitioner: ICustomPartitioner = () => {
  const counters = new Map<string, number>();
  return ({ topic, partitionMetadata, message }) => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    if (message.key !== null && message.key !== undefined) return (murmur2(message.key) & 0x7fffffff) % partitionMetadata.length;
    const counter = (counters.get(topic) ?? randomInt(2 ** 31)) + 1;
    counters.set(topic, counter);
    const available = partitionMetadata.filter(({ leader }) => leader >= 0);
    const candidates = available.length > 0 ? available.map(({ partitionId }) => partitionId) : partitionMetadata.map((_, index) => index);
    return candidates[(counter & 0x7fffffff) % candidates.length];
  };
};
