import { ResponseCollector } from './response-collector';

/** Drives a collector as undici would for one response. */
function respond(collector: ResponseCollector, status: number, rawHeaders: string[], chunks: string[]): jest.Mock {
  const abort = jest.fn();
  collector.onConnect(abort);
  collector.onHeaders(status, rawHeaders.map((value) => Buffer.from(value, 'latin1')));
  for (const chunk of chunks) if (!collector.onData(Buffer.from(chunk))) break;
  collector.onComplete();
  return abort;
}

describe('ResponseCollector', () => {
  it('gathers status, lower-case headers (repeats joined) and the whole body under the cap', async () => {
    const collector = new ResponseCollector(4);
    const abort = respond(collector, 201, ['Content-Type', 'application/json', 'Set-Cookie', 'a=1', 'set-cookie', 'b=2'], ['ab', 'cd']);
    await collector.settled;

    expect(collector).toMatchObject({
      status: 201,
      headers: { 'content-type': 'application/json', 'set-cookie': 'a=1, b=2' },
      body: 'abcd',
      truncated: false,
      error: undefined,
    });
    expect(abort).not.toHaveBeenCalled();
  });

  it('stops past the cap, aborts the rest and drops a character cut in half', async () => {
    const collector = new ResponseCollector(2);
    const abort = respond(collector, 200, [], ['aé', 'bbbb']); // 'é' is 2 bytes
    await collector.settled;

    expect(collector).toMatchObject({ body: 'a', truncated: true, error: undefined });
    expect(abort).toHaveBeenCalledTimes(1);
    // The abort's error arrives afterwards; the settled outcome stands.
    collector.onError(new Error('aborted'));
    expect(collector.error).toBeUndefined();
  });

  it('waits past interim 1xx answers for the final one', async () => {
    const collector = new ResponseCollector(16);
    collector.onConnect(jest.fn());
    collector.onHeaders(103, [Buffer.from('link'), Buffer.from('</a.css>')]);
    collector.onHeaders(204, []);
    collector.onComplete();
    await collector.settled;

    expect(collector).toMatchObject({ status: 204, headers: {}, body: '' });
  });

  it('aborts on time-out, at once or as soon as undici hands it the socket', async () => {
    const connected = new ResponseCollector(16);
    const abort = jest.fn();
    connected.onConnect(abort);
    connected.timeOut();
    expect(abort).toHaveBeenCalledTimes(1);

    const queued = new ResponseCollector(16);
    queued.timeOut();
    const late = jest.fn();
    queued.onConnect(late);
    expect(late).toHaveBeenCalledTimes(1);
    queued.onError(new Error('aborted'));
    await queued.settled;
    expect(queued).toMatchObject({ timedOut: true, error: new Error('aborted') });
  });
});
