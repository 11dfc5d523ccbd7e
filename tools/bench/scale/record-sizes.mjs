// The largest record each topic got between two sets of end offsets: what the services wrote there.

/** `{ topic, bytes, count }` per topic that got records between `before` and `after` (topic → partition → offset), largest first. */
export async function largestRecords(client, before, after) {
  const sizes = [];
  for (const [topic, ends] of after) {
    const starts = before.get(topic) ?? new Map();
    const ranges = [...ends].map(([partition, end]) => ({ partition, from: starts.get(partition) ?? 0, to: end })).filter(({ from, to }) => to > from);
    if (ranges.length === 0) continue;
    sizes.push({ topic, ...(await largestIn(client, topic, ranges)) });
  }
  return sizes.sort((a, b) => b.bytes - a.bytes);
}

async function largestIn(client, topic, ranges) {
  const consumer = client.consumer({ groupId: `bench-record-sizes-${Date.now()}-${Math.random().toString(36).slice(2)}`, maxBytes: 16 * 1024 * 1024 });
  const remaining = new Map(ranges.map(({ partition, to }) => [partition, to]));
  let bytes = 0;
  let count = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic });
    const done = new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error(`${topic}: the records of ${[...remaining.keys()]} were not read within 60 s`)), 60_000).unref();
      consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const end = remaining.get(batch.partition);
          if (end === undefined) return;
          for (const message of batch.messages) {
            if (Number(message.offset) >= end) continue;
            bytes = Math.max(bytes, (message.value?.length ?? 0) + (message.key?.length ?? 0));
            count += 1;
          }
          if (Number(batch.lastOffset()) + 1 >= end) remaining.delete(batch.partition);
          if (remaining.size === 0) resolve();
        },
      });
    });
    for (const { partition, from } of ranges) consumer.seek({ topic, partition, offset: String(from) });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return { bytes, count };
}
