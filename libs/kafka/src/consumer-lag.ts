/** One partition's offsets: the broker's low and high watermarks and what a group committed there, if anything. */
export interface PartitionOffsets {
  readonly low: bigint;
  readonly high: bigint;
  readonly committed?: bigint;
}

/** A consumer group's lag on each topic it has committed offsets on (physical names, as the broker has them). */
export interface GroupLag {
  readonly groupId: string;
  readonly topics: readonly { readonly topic: string; readonly lag: number }[];
}

/** A topic's message count: what retention still holds on it (physical name). */
export interface TopicMessageCount {
  readonly topic: string;
  readonly messages: number;
}

/**
 * Messages of one partition the group has yet to read: from its committed offset, or from the low
 * watermark when it committed nothing there, up to the high watermark. The committed offset is held
 * within the watermarks: below the low one retention already deleted what lay between, and beyond
 * the high one (a recreated topic) nothing is waiting.
 */
export function partitionLag({ low, high, committed }: PartitionOffsets): bigint {
  const from = committed === undefined ? low : committed < low ? low : committed > high ? high : committed;
  return high - from;
}

/** The group's lag on a topic: the sum over its partitions. */
export const topicLag = (partitions: Iterable<PartitionOffsets>): number =>
  Number([...partitions].reduce((sum, partition) => sum + partitionLag(partition), 0n));

/** Messages retention still holds on a topic: the sum over its partitions of high minus low watermark. */
export const messageCount = (partitions: Iterable<Pick<PartitionOffsets, 'low' | 'high'>>): number =>
  Number([...partitions].reduce((sum, { low, high }) => sum + (high - low), 0n));
