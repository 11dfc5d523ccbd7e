import { PublishBatcher, type TopicBatch } from './publish-batcher';

/** A send the test completes by hand, recording every batch it was given. */
function controlledSend() {
  const batches: TopicBatch[] = [];
  const settle: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const send = (batch: TopicBatch) =>
    new Promise<void>((resolve, reject) => {
      batches.push(batch);
      settle.push({ resolve, reject });
    });
  return { batches, settle, send };
}
const message = (key: string, value = 'v') => ({ key, value });
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('PublishBatcher', () => {
  it('sends a lone publish at once and resolves it with its send', async () => {
    const { batches, settle, send } = controlledSend();
    const batcher = new PublishBatcher(send);
    let resolved = false;
    const published = batcher.publish('t', [message('a')]).then(() => (resolved = true));

    expect(batches).toEqual([[{ topic: 't', messages: [message('a')] }]]);
    await flush();
    expect(resolved).toBe(false);
    settle[0].resolve();
    await published;
    expect(resolved).toBe(true);
  });

  it('with lingerMs, lets publishes made meanwhile share the first send', async () => {
    jest.useFakeTimers();
    try {
      const { batches, settle, send } = controlledSend();
      const batcher = new PublishBatcher(send, 5);
      const published = [batcher.publish('log', [message('1')])];
      await jest.advanceTimersByTimeAsync(4);
      published.push(batcher.publish('dlq', [message('x')]));
      expect(batches).toHaveLength(0);

      await jest.advanceTimersByTimeAsync(1);
      expect(batches).toEqual([[{ topic: 'log', messages: [message('1')] }, { topic: 'dlq', messages: [message('x')] }]]);
      settle[0].resolve();
      await Promise.all(published);
    } finally {
      jest.useRealTimers();
    }
  });

  it('with lingerBelow, sends a group that big without waiting out the linger, and lingers for a smaller one', async () => {
    jest.useFakeTimers();
    try {
      const { batches, settle, send } = controlledSend();
      const batcher = new PublishBatcher(send, 10, 3);
      const published = [batcher.publish('log', [message('1')]), batcher.publish('log', [message('2')])];
      await jest.advanceTimersByTimeAsync(9);
      expect(batches).toHaveLength(0);

      published.push(batcher.publish('log', [message('3')]));
      await jest.advanceTimersByTimeAsync(0);
      expect(batches).toEqual([[{ topic: 'log', messages: [message('1'), message('2'), message('3')] }]]);
      settle[0].resolve();
      await Promise.all(published);
    } finally {
      jest.useRealTimers();
    }
  });

  it('carries everything published during a send in the next one, grouped by topic in order', async () => {
    const { batches, settle, send } = controlledSend();
    const batcher = new PublishBatcher(send);
    const first = batcher.publish('log', [message('1')]);
    const later = [batcher.publish('log', [message('2')]), batcher.publish('dlq', [message('x')]), batcher.publish('log', [message('3')])];
    expect(batches).toHaveLength(1);

    settle[0].resolve();
    await first;
    await flush();
    expect(batches[1]).toEqual([
      { topic: 'log', messages: [message('2'), message('3')] },
      { topic: 'dlq', messages: [message('x')] },
    ]);
    settle[1].resolve();
    await Promise.all(later);
  });

  it('when a combined send fails, sends each call alone so only the bad one fails', async () => {
    const sent: TopicBatch[] = [];
    const batcher = new PublishBatcher(async (batch) => {
      sent.push(batch);
      if (batch.some(({ messages }) => messages.some(({ key }) => key === 'bad'))) throw new Error('MESSAGE_TOO_LARGE');
    });
    const results = await Promise.allSettled([
      batcher.publish('t', [message('first')]),
      batcher.publish('t', [message('ok')]),
      batcher.publish('t', [message('bad')]),
      batcher.publish('t', [message('fine')]),
    ]);

    expect(results.map(({ status }) => status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toEqual(new Error('MESSAGE_TOO_LARGE'));
    // first alone; then ok+bad+fine together (failed); then each of them alone.
    expect(sent.map((batch) => batch[0].messages.map(({ key }) => key))).toEqual([['first'], ['ok', 'bad', 'fine'], ['ok'], ['bad'], ['fine']]);
  });

  it('when a combined send fails because the broker is out of reach, fails every call it carried with that one send', async () => {
    const sent: TopicBatch[] = [];
    const unreachable = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), { name: 'KafkaJSConnectionError' });
    const { settle, send } = controlledSend();
    const batcher = new PublishBatcher((batch) => {
      sent.push(batch);
      return send(batch);
    });
    const first = batcher.publish('t', [message('first')]);
    const waiting = ['a', 'b', 'c'].map((key) => batcher.publish('t', [message(key)]));
    settle[0].resolve();
    await first;
    await flush();
    settle[1].reject(unreachable);

    const results = await Promise.allSettled(waiting);
    expect(results).toEqual(waiting.map(() => ({ status: 'rejected', reason: unreachable })));
    // No send of each alone: every one of them would wait out the outage again.
    expect(sent.map((batch) => batch[0].messages.map(({ key }) => key))).toEqual([['first'], ['a', 'b', 'c']]);
  });

  it('splits what waits into sends of at most 512 KB', async () => {
    const { batches, settle, send } = controlledSend();
    const batcher = new PublishBatcher(send);
    const big = 'x'.repeat(200 * 1024);
    const all = [batcher.publish('t', [message('0')]), ...[1, 2, 3].map((n) => batcher.publish('t', [message(String(n), big)]))];
    settle[0].resolve();
    await flush();
    expect(batches[1][0].messages.map(({ key }) => key)).toEqual(['1', '2']);
    settle[1].resolve();
    await flush();
    expect(batches[2][0].messages.map(({ key }) => key)).toEqual(['3']);
    settle[2].resolve();
    await Promise.all(all);
  });

  it('sends one large publication in several sends of at most 512 KB, in order, and resolves once all are stored', async () => {
    const { batches, settle, send } = controlledSend();
    const batcher = new PublishBatcher(send);
    // Two bytes per character: the limit is counted in bytes, not characters.
    const big = 'é'.repeat(100 * 1024);
    let resolved = false;
    const published = batcher.publish('t', ['1', '2', '3', '4', '5'].map((key) => message(key, big))).then(() => (resolved = true));

    for (const expected of [['1', '2'], ['3', '4'], ['5']]) {
      await flush();
      expect(batches[batches.length - 1][0].messages.map(({ key }) => key)).toEqual(expected);
      expect(resolved).toBe(false);
      settle[settle.length - 1].resolve();
    }
    await published;
    expect(batches).toHaveLength(3);
  });

  it('publishes nothing for no messages', async () => {
    const { batches, send } = controlledSend();
    await new PublishBatcher(send).publish('t', []);
    expect(batches).toHaveLength(0);
  });
});
