import { Topics } from '@hookbus/contracts';
import type { CompactedTopicReader, KafkaBus, TableChange } from '@hookbus/kafka';
import { pollUntil, testBus, uniquePrefix } from '@hookbus/testing';

const topic = Topics.subscriptions.name;
// Each reader joins a consumer group of its own.
jest.setTimeout(30_000);

describe('CompactedTopicReader on a real broker', () => {
  let bus: KafkaBus;
  const readers: CompactedTopicReader[] = [];
  // A reader with the table its user keeps from the changes: key → latest value, as text.
  const read = async (onChange?: (change: TableChange) => void) => {
    const table = new Map<string, string>();
    const reader = await bus.readTable(topic, {
      onChange: (change) => {
        if (change.value === null) table.delete(change.key);
        else table.set(change.key, change.value.toString());
        onChange?.(change);
      },
    });
    readers.push(reader);
    return Object.assign(reader, { text: table });
  };

  beforeEach(async () => {
    bus = await testBus(uniquePrefix('table'));
  });

  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.stop()));
    await bus.disconnect();
  });

  it('catches up at once on a topic created empty (every end offset 0)', async () => {
    const reader = await read();

    await reader.caughtUp();
    expect(reader.isCaughtUp).toBe(true);
    expect(reader.text.size).toBe(0);
  });

  it('rebuilds the latest value per key from the beginning, follows new records, and rebuilds the same in a second reader', async () => {
    // Enough keys to land on several of the 6 partitions, so others stay empty or not.
    await bus.publish(topic, [
      { key: 'sub_1', value: 'one@v1' },
      { key: 'sub_2', value: 'two@v1' },
      { key: 'sub_3', value: 'three@v1' },
      { key: 'sub_1', value: 'one@v2' },
      { key: 'sub_2', value: null },
      { key: 'sub_4', value: 'four@v1' },
    ]);
    const changes: TableChange[] = [];
    const first = await read((change) => changes.push(change));

    await first.caughtUp();
    expect(first.text).toEqual(new Map([['sub_1', 'one@v2'], ['sub_3', 'three@v1'], ['sub_4', 'four@v1']]));
    // The producer may write a batch twice when it retries on a fresh topic, so only the order counts.
    const sub2 = changes.filter(({ key }) => key === 'sub_2').map(({ value }) => value?.toString() ?? null);
    expect(sub2[0]).toBe('two@v1');
    expect(sub2.at(-1)).toBeNull();

    await bus.publish(topic, [{ key: 'sub_5', value: 'five@v1' }, { key: 'sub_3', value: null }]);
    const expected = new Map([['sub_1', 'one@v2'], ['sub_4', 'four@v1'], ['sub_5', 'five@v1']]);
    await pollUntil('the reader follows records published after it caught up', () =>
      first.text.size === 3 && first.text.get('sub_5') === 'five@v1');
    expect(first.text).toEqual(expected);

    const second = await read();
    await second.caughtUp();
    expect(second.text).toEqual(expected);
  });

  it('does not resolve caughtUp before the records that existed at start are in the table', async () => {
    const many = Array.from({ length: 500 }, (_, index) => ({ key: `sub_${index % 50}`, value: `value-${index}` }));
    await bus.publish(topic, many);
    const reader = await read();

    await reader.caughtUp();
    expect(reader.text.size).toBe(50);
    expect(reader.text.get('sub_7')).toBe('value-457');
  });

  it('rejects caughtUp when stopped before catching up', async () => {
    await bus.publish(topic, [{ key: 'sub_1', value: 'one' }]);
    const reader = await read();
    const stopped = reader.stop();

    await expect(reader.caughtUp()).rejects.toThrow(/stopped before catching up/);
    await stopped;
  });
});
