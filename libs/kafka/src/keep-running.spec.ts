import type { Consumer, ConsumerRunConfig } from 'kafkajs';
import { keepRunning } from './keep-running';

type CrashListener = (event: { payload: { error: Error; restart: boolean } }) => void;

// A kafkajs consumer that counts its runs and lets the test crash it the way kafkajs reports it.
function fakeConsumer(run: () => Promise<void> = async () => undefined) {
  let listener: CrashListener | undefined;
  const consumer = {
    events: { CRASH: 'consumer.crash' },
    on: (_event: string, crashListener: CrashListener) => void (listener = crashListener),
    run: jest.fn(run),
  };
  const crash = (error: Error, restart: boolean) => listener?.({ payload: { error, restart } });
  return { consumer: consumer as unknown as Consumer & typeof consumer, crash };
}

const config: ConsumerRunConfig = { eachMessage: async () => undefined };
const coordinatorLost = new Error('Failed to find group coordinator');

describe('keepRunning', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs the consumer again, with the same config, after a crash kafkajs does not restart', async () => {
    const { consumer, crash } = fakeConsumer();
    const crashes: Error[] = [];
    await keepRunning(consumer, config, { stopping: () => false, onCrash: (error) => crashes.push(error) });
    expect(consumer.run).toHaveBeenCalledTimes(1);

    crash(coordinatorLost, false);
    expect(crashes).toEqual([coordinatorLost]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(consumer.run).toHaveBeenCalledTimes(2);
    expect(consumer.run).toHaveBeenLastCalledWith(config);
  });

  it('leaves a crash kafkajs restarts itself to kafkajs, and tells it', async () => {
    const { consumer, crash } = fakeConsumer();
    const crashes: string[] = [];
    await keepRunning(consumer, config, { stopping: () => false, onCrash: (error) => crashes.push(error.message) });

    crash(new Error('Not connected'), true);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(consumer.run).toHaveBeenCalledTimes(1);
    expect(crashes).toEqual(['Not connected']);
  });

  it('does not run a consumer again once its owner is stopping it', async () => {
    const { consumer, crash } = fakeConsumer();
    let stopping = false;
    await keepRunning(consumer, config, { stopping: () => stopping, onCrash: () => undefined });

    crash(coordinatorLost, false);
    stopping = true;
    await jest.advanceTimersByTimeAsync(5_000);
    crash(coordinatorLost, false);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(consumer.run).toHaveBeenCalledTimes(1);
  });

  it('tries again when running again fails', async () => {
    let runs = 0;
    const { consumer, crash } = fakeConsumer(async () => {
      runs += 1;
      if (runs === 2) throw new Error('The group coordinator is not available');
    });
    const crashes: string[] = [];
    await keepRunning(consumer, config, { stopping: () => false, onCrash: (error) => crashes.push(error.message) });

    crash(coordinatorLost, false);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(consumer.run).toHaveBeenCalledTimes(3);
    expect(crashes).toEqual(['Failed to find group coordinator', 'The group coordinator is not available']);
  });
});
