import { Topics } from '@hookbus/contracts';
import type { KafkaBus } from '@hookbus/kafka';
import { GatedKafkaTransport } from './gated-kafka.transport';

function gatedTransport() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const gate = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  const consume = jest.fn(async () => ({ stop: async () => undefined }));
  const transport = new GatedKafkaTransport({ consume } as unknown as KafkaBus, { groupId: 'g' }, () => gate);
  transport.addHandler(Topics.events.name, async () => undefined, true);
  const callback = jest.fn();
  const listening = transport.listen(callback);
  return { transport, consume, callback, listening, open, fail };
}

describe('GatedKafkaTransport', () => {
  it('starts consuming only once the gate opens', async () => {
    const { consume, callback, listening, open } = gatedTransport();
    await new Promise((resolve) => setImmediate(resolve));
    expect(consume).not.toHaveBeenCalled();

    open();
    await listening;
    expect(consume).toHaveBeenCalledWith(expect.objectContaining({ groupId: 'g', topics: [Topics.events.name] }));
    expect(callback).toHaveBeenCalledWith();
  });

  it('never consumes, and reports no failure, when closed before the gate opened', async () => {
    const { transport, consume, callback, listening, fail } = gatedTransport();
    await transport.close();
    fail(new Error('stopped before catching up'));
    await listening;

    expect(consume).not.toHaveBeenCalled();
    expect(callback).toHaveBeenCalledWith(undefined);
  });

  it('fails the start when the gate fails while running', async () => {
    const { consume, callback, listening, fail } = gatedTransport();
    fail(new Error('boom'));
    await listening;

    expect(consume).not.toHaveBeenCalled();
    expect(callback).toHaveBeenCalledWith(new Error('boom'));
  });
});
