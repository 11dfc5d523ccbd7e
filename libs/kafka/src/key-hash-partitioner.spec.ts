import { randomBytes } from 'node:crypto';
import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { KeyHashPartitioner, murmur2 } from './key-hash-partitioner';

const metadata = (count: number, leaderless: number[] = []): PartitionerArgs['partitionMetadata'] =>
  Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: leaderless.includes(partitionId) ? -1 : 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));

describe('murmur2', () => {
  // Kafka's own test vectors (Java client, UtilsTest.testMurmur2).
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %s as the Java client does', (key, hash) => {
    expect(murmur2(key)).toBe(hash);
  });
});

describe('KeyHashPartitioner', () => {
  it('puts every key on the partition kafkajs DefaultPartitioner picks', () => {
    const ours = KeyHashPartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    const partitionMetadata = metadata(12);
    for (let n = 0; n < 5_000; n += 1) {
      const key = n % 2 === 0 ? `tnt_${n}:Zürich-${randomBytes(n % 23).toString('hex')}` : randomBytes(n % 37);
      const args = { topic: 't', partitionMetadata, message: { key, value: null } };
      expect(ours(args)).toBe(theirs(args));
    }
  });

  it('keeps a message its own partition', () => {
    expect(KeyHashPartitioner()({ topic: 't', partitionMetadata: metadata(3), message: { key: 'k', value: null, partition: 2 } })).toBe(2);
  });

  it('spreads unkeyed messages over the partitions that have a leader', () => {
    const partition = KeyHashPartitioner();
    const partitionMetadata = metadata(4, [1]);
    const picked = new Set(Array.from({ length: 30 }, () => partition({ topic: 't', partitionMetadata, message: { value: 'v' } })));
    expect([...picked].sort()).toEqual([0, 2, 3]);
  });
});
