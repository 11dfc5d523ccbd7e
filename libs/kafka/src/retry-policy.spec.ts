import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';
import { MalformedMessageError } from './errors';
import { type DependencyProbe, handleWithRetries, type RetryPolicy, sharedAnswers } from './retry-policy';

/** A dependency the test takes down and brings back. */
class FakeProbe implements DependencyProbe {
  up = true;
  constructor(readonly name: string) {}
  async check(): Promise<void> {
    if (!this.up) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  }
}

function setting(maxAttempts = 3) {
  const database = new FakeProbe('database');
  const policy: RetryPolicy = { maxAttempts, retryDelayMs: 100, maxRetryDelayMs: 1_000, probes: [new FakeProbe('kafka'), database] };
  const waits: number[] = [];
  const outages: (string | undefined)[] = [];
  // The consumer's view of readiness: the last outage reported, until it is reported over.
  const notReady = () => outages.at(-1) !== undefined;
  const hooks = { wait: async (ms: number) => void waits.push(ms), outage: (reason: string | undefined) => void outages.push(reason) };
  return { database, policy, waits, outages, notReady, hooks };
}

describe('handleWithRetries', () => {
  it('waits out a database outage far longer than the attempts allow, counting none, and resumes', async () => {
    const { database, policy, waits, outages, notReady, hooks } = setting();
    database.up = false;
    let calls = 0;
    let notReadyMidway = false;
    const handle = async () => {
      calls += 1;
      if (calls === 10) notReadyMidway = notReady();
      if (calls === 20) database.up = true;
      if (!database.up) throw new Error('the pool has no connection');
    };

    await expect(handleWithRetries(handle, policy, hooks)).resolves.toEqual({ handled: true });

    expect(calls).toBe(20);
    expect(notReadyMidway).toBe(true);
    expect(outages[0]).toBe('database unreachable: Error: connect ECONNREFUSED 127.0.0.1:5432');
    expect(outages.at(-1)).toBeUndefined();
    // Capped exponential backoff.
    expect(waits.slice(0, 6)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(Math.max(...waits)).toBe(1_000);
  });

  it('treats a broker error from a publish as an outage even while every probe answers (a leader election)', async () => {
    const { policy, waits, outages, hooks } = setting();
    let calls = 0;
    const handle = async () => {
      calls += 1;
      if (calls <= 5) throw new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error: read ECONNRESET'), { retryCount: 5, retryTime: 3_000 });
    };

    await expect(handleWithRetries(handle, policy, hooks)).resolves.toEqual({ handled: true });
    expect(calls).toBe(6);
    expect(waits).toHaveLength(5);
    expect(outages[0]).toMatch(/KafkaJSNumberOfRetriesExceeded/);
    expect(outages.at(-1)).toBeUndefined();
  });

  it('quarantines a message that fails maxAttempts times while every dependency answers', async () => {
    const { policy, waits, outages, hooks } = setting(3);
    let calls = 0;
    const handle = async () => {
      calls += 1;
      throw new Error('receiver exploded');
    };

    await expect(handleWithRetries(handle, policy, hooks)).resolves.toEqual({ handled: false, reason: 'Error: receiver exploded', attempts: 3 });
    expect(calls).toBe(3);
    expect(waits).toEqual([100, 200]);
    expect(outages).toEqual([]);
  });

  it('counts only the failures after an outage ended', async () => {
    const { database, policy, outages, hooks } = setting(3);
    database.up = false;
    let calls = 0;
    const handle = async () => {
      calls += 1;
      if (calls === 10) database.up = true;
      throw new Error('still failing');
    };

    await expect(handleWithRetries(handle, policy, hooks)).resolves.toMatchObject({ handled: false, attempts: 3 });
    // Nine failures during the outage, then three with the database back.
    expect(calls).toBe(12);
    expect(outages.at(-1)).toBeUndefined();
  });

  it('quarantines a malformed message at once, without asking the probes', async () => {
    const { database, policy, waits, hooks } = setting(5);
    database.up = false;
    const outcome = await handleWithRetries(async () => Promise.reject(new MalformedMessageError('value is not JSON')), policy, hooks);
    expect(outcome).toEqual({ handled: false, reason: 'MalformedMessageError: value is not JSON', attempts: 1 });
    expect(waits).toEqual([]);
  });

  it('gives the message up when the consumer abandons the wait (shutdown)', async () => {
    const { database, policy, hooks } = setting();
    database.up = false;
    const stopping = { ...hooks, wait: async () => Promise.reject(new Error('consumer stopping during a retry')) };
    await expect(handleWithRetries(async () => Promise.reject(new Error('down')), policy, stopping)).rejects.toThrow('consumer stopping');
  });
});

describe('sharedAnswers', () => {
  it('lets callers within the reuse window share one check', async () => {
    let checks = 0;
    const probe = sharedAnswers({ name: 'database', check: async () => void (checks += 1) }, 60_000);
    await Promise.all(Array.from({ length: 50 }, () => probe.check()));
    expect(checks).toBe(1);
    expect(probe.name).toBe('database');
  });

  it('asks again once the window has passed', async () => {
    let checks = 0;
    // A negative window has always passed.
    const probe = sharedAnswers({ name: 'kafka', check: async () => void (checks += 1) }, -1);
    await probe.check();
    await probe.check();
    expect(checks).toBe(2);
  });
});
