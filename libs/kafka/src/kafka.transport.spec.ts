import { delay, of, tap, throwError } from 'rxjs';
import type { ConsumedMessage } from './consumed-message';
import type { KafkaBus } from './kafka-bus';
import type { MessageHandler } from './at-least-once-consumer';
import { KafkaTransport } from './kafka.transport';

const message: ConsumedMessage = { topic: 'hookbus.events.v1', partition: 0, offset: '7', key: 'k', value: Buffer.from('{}'), headers: {}, timestamp: '0' };

/** Starts a transport over a fake bus and hands back the consumer's handler, as KafkaBus.consume gets it. */
async function consumerHandle(handler: (message: ConsumedMessage) => Promise<unknown>): Promise<MessageHandler> {
  let handle!: MessageHandler;
  const bus = { consume: async (options: { handle: MessageHandler }) => ((handle = options.handle), { stop: async () => undefined }) };
  const transport = new KafkaTransport(bus as unknown as KafkaBus, { groupId: 'g' });
  transport.addHandler('hookbus.events.v1', handler as never, true);
  await transport.listen(() => undefined);
  return handle;
}

describe('KafkaTransport', () => {
  it("resolves once the method's promise resolved, with the message it was given", async () => {
    const seen: ConsumedMessage[] = [];
    const handle = await consumerHandle(async (received) => void seen.push(received));
    await expect(handle(message)).resolves.toBeUndefined();
    expect(seen).toEqual([message]);
  });

  it('waits for an Observable the handler resolves to, and fails with its error (the exception filter)', async () => {
    let emitted = false;
    const later = await consumerHandle(async () => of(1).pipe(delay(10), tap(() => (emitted = true))));
    await later(message);
    expect(emitted).toBe(true);

    const failing = await consumerHandle(async () => throwError(() => new Error('malformed')));
    await expect(failing(message)).rejects.toThrow('malformed');
  });

  it('fails with the error of a method that threw', async () => {
    const handle = await consumerHandle(async () => {
      throw new Error('boom');
    });
    await expect(handle(message)).rejects.toThrow('boom');
  });
});
