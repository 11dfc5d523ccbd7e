import { RefusedError, UnavailableError } from './client-errors';
import { HttpCaller } from './http-caller';
import { closedPort, recordedWaits, ScriptedServer } from './testing/scripted-server';

describe('HttpCaller (against a real HTTP server on loopback)', () => {
  let server: ScriptedServer;

  beforeAll(async () => {
    server = await ScriptedServer.start({ status: 200, body: { ok: true } });
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.answer();
  });
  afterAll(() => server.stop());

  const caller = (waits = recordedWaits(), timeoutMs?: number) => new HttpCaller({ url: `${server.url}/`, token: 'hbk_secret', retry: waits.retry, timeoutMs });

  it('sends the bearer token, the query without undefined parameters and a JSON body, and answers the parsed JSON', async () => {
    const answer = await caller().call({ method: 'POST', path: '/v1/things', query: { a: '1', b: undefined }, body: { name: 'x' } });

    expect(answer).toEqual({ ok: true });
    expect(server.requests).toEqual([
      expect.objectContaining({ method: 'POST', url: '/v1/things?a=1', body: '{"name":"x"}', headers: expect.objectContaining({ authorization: 'Bearer hbk_secret', 'content-type': 'application/json' }) }),
    ]);
  });

  it('answers undefined to a 204', async () => {
    server.answer({ status: 204 });
    await expect(caller().call({ method: 'DELETE', path: '/v1/things/1' })).resolves.toBeUndefined();
  });

  it('retries 5xx and a dropped connection with exponential backoff, then succeeds', async () => {
    const recorded = recordedWaits();
    server.answer({ status: 503 }, 'destroy', { status: 500 });

    await expect(caller(recorded).call({ method: 'GET', path: '/v1/things' })).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(4);
    // random() = 0: no jitter taken off; 500 ms doubling.
    expect(recorded.waits).toEqual([500, 1000, 2000]);
  });

  it('takes up to half of each wait off at random (jitter)', async () => {
    const recorded = recordedWaits({ random: () => 0.5 });
    server.answer({ status: 503 }, { status: 503 });

    await caller(recorded).call({ method: 'GET', path: '/v1/things' });
    expect(recorded.waits).toEqual([375, 750]);
  });

  it("waits as long as a 429's Retry-After asks instead of its own backoff", async () => {
    const recorded = recordedWaits();
    server.answer({ status: 429, headers: { 'retry-after': '3' } }, { status: 503, headers: { 'retry-after': new Date(Date.now() + 2_000).toUTCString() } });

    await caller(recorded).call({ method: 'GET', path: '/v1/things' });
    expect(recorded.waits[0]).toBe(3000);
    // An HTTP date: the time left until then, to the second.
    expect(recorded.waits[1]).toBeGreaterThan(0);
    expect(recorded.waits[1]).toBeLessThanOrEqual(2000);
  });

  it('gives up at once when Retry-After asks for more than the longest wait', async () => {
    const recorded = recordedWaits();
    server.answer({ status: 429, headers: { 'retry-after': '3600' } });

    const error = await caller(recorded).call({ method: 'GET', path: '/v1/things' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ status: 429, attempts: 1, message: expect.stringContaining('asks to wait 3600000 ms') });
    expect(recorded.waits).toEqual([]);
  });

  it('stops after the allowed attempts with an UnavailableError carrying the last status and the problem', async () => {
    const recorded = recordedWaits({ attempts: 3 });
    server.answer(...Array(3).fill({ status: 503, body: { title: 'Service Unavailable', detail: 'still loading the API keys' } }));

    const error = await caller(recorded).call({ method: 'GET', path: '/v1/things' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ status: 503, attempts: 3, message: expect.stringMatching(/answered 503: Service Unavailable: still loading the API keys after 3 attempt/) });
    expect(server.requests).toHaveLength(3);
    expect(recorded.waits).toHaveLength(2);
  });

  it('never retries another 4xx: a RefusedError with the status and the problem document', async () => {
    const problem = { type: 'about:blank', status: 400, title: 'Invalid request', errors: [{ field: 'name', rule: 'too_small', message: 'is required' }] };
    server.answer({ status: 400, body: problem });

    const error = await caller().call({ method: 'GET', path: '/v1/things' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RefusedError);
    expect(error).toMatchObject({ status: 400, problem, message: expect.stringContaining('answered 400: Invalid request (name: is required (too_small))') });
    expect(server.requests).toHaveLength(1);
  });

  it('does not send a POST that is not idempotent again once it may have been taken, but does after a 429', async () => {
    server.answer({ status: 500 });
    await expect(caller().call({ method: 'POST', path: '/v1/tenants', body: {} })).rejects.toThrow(/answered 500; not sent again/);
    expect(server.requests).toHaveLength(1);

    server.answer({ status: 429 });
    await expect(caller().call({ method: 'POST', path: '/v1/tenants', body: {} })).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
  });

  it('retries any POST whose connection was refused, since nothing reached the server', async () => {
    const recorded = recordedWaits({ attempts: 2 });
    const nowhere = new HttpCaller({ url: `http://127.0.0.1:${await closedPort()}`, retry: recorded.retry });

    const error = await nowhere.call({ method: 'POST', path: '/v1/tenants', body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ attempts: 2, status: undefined, message: expect.stringContaining('ECONNREFUSED') });
    expect(recorded.waits).toEqual([500]);
  });

  it('counts an answer that takes longer than timeoutMs as none', async () => {
    server.answer('hold');
    await expect(caller(recordedWaits(), 200).call({ method: 'GET', path: '/v1/things' })).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });
});
