import { readOnScrape } from './scrape-read';

describe('readOnScrape', () => {
  afterEach(() => jest.useRealTimers());

  it('answers what the read answers', async () => {
    await expect(readOnScrape(async () => 42)).resolves.toBe(42);
  });

  it('answers undefined when the read fails, at once or later', async () => {
    await expect(readOnScrape(() => Promise.reject(new Error('ECONNREFUSED')))).resolves.toBeUndefined();
    await expect(readOnScrape(() => { throw new Error('not connected'); })).resolves.toBeUndefined();
  });

  it('answers undefined once the read takes longer than the timeout', async () => {
    jest.useFakeTimers();
    let answered = false;
    const reading = readOnScrape(() => new Promise<never>(() => undefined), 1_000).then((value) => {
      answered = true;
      return value;
    });
    await jest.advanceTimersByTimeAsync(999);
    expect(answered).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(reading).resolves.toBeUndefined();
  });
});
