import { defaultClassify, isRetryableStatus } from './default-classifier';
import { TRANSPORT_ERRORS, type DeliveryOutcome } from './delivery-outcome';

const response = (status: number, headers: Record<string, string> = {}): DeliveryOutcome => ({ kind: 'response', status, headers, body: '' });
const now = new Date('2025-03-14T09:00:00Z');

describe('defaultClassify', () => {
  it.each([200, 201, 202, 204, 299])('delivers on %d', (status) => {
    expect(defaultClassify(response(status))).toEqual({ result: 'delivered' });
  });

  it.each([408, 429, 500, 502, 503, 504, 599])('retries %d', (status) => {
    expect(defaultClassify(response(status))).toEqual({ result: 'retry', reason: `HTTP ${status}` });
  });

  it('fails 410 as gone', () => {
    expect(defaultClassify(response(410))).toEqual({ result: 'failed', reason: 'HTTP 410 Gone', gone: true });
  });

  it.each([301, 302, 304, 400, 401, 403, 404, 405, 409, 422, 600])('fails %d at once', (status) => {
    expect(defaultClassify(response(status))).toEqual({ result: 'failed', reason: `HTTP ${status}` });
  });

  it.each(TRANSPORT_ERRORS.filter((error) => error !== 'ssrf_refused'))('retries a %s error', (error) => {
    expect(defaultClassify({ kind: 'error', error, message: 'boom' })).toEqual({ result: 'retry', reason: `${error}: boom` });
  });

  it('fails a destination refused by the egress policy at once', () => {
    const outcome: DeliveryOutcome = { kind: 'error', error: 'ssrf_refused', message: '10.0.0.7 is private' };
    expect(defaultClassify(outcome)).toEqual({ result: 'failed', reason: 'ssrf_refused: 10.0.0.7 is private' });
  });

  describe('Retry-After', () => {
    it.each([
      ['120', 120_000],
      [' 0 ', 0],
      ['Fri, 14 Mar 2025 09:01:30 GMT', 90_000],
      ['Friday, 14-Mar-25 09:00:05 GMT', 5_000],
      ['Fri Mar 14 09:00:10 2025', 10_000],
      ['Fri, 14 Mar 2025 08:00:00 GMT', 0],
    ])('reads %j as %d ms', (value, retryAfterMs) => {
      expect(defaultClassify(response(503, { 'retry-after': value }), { now })).toEqual({ result: 'retry', reason: 'HTTP 503', retryAfterMs });
    });

    it('finds the header whatever its case, on 429 too', () => {
      expect(defaultClassify(response(429, { 'Retry-After': '7' }), { now })).toMatchObject({ retryAfterMs: 7_000 });
    });

    it.each(['', 'soon', '-5', '1.5', 'tomorrow GMT', '9'.repeat(20)])('ignores %j', (value) => {
      expect(defaultClassify(response(503, { 'retry-after': value }), { now })).toEqual({ result: 'retry', reason: 'HTTP 503' });
    });

    it('measures an HTTP-date from the current time by default', () => {
      const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
      const verdict = defaultClassify(response(503, { 'retry-after': inOneMinute }));
      expect(verdict.result === 'retry' && verdict.retryAfterMs).toBeGreaterThan(55_000);
    });

    it('is not read on a final failure', () => {
      expect(defaultClassify(response(404, { 'retry-after': '60' }), { now })).toEqual({ result: 'failed', reason: 'HTTP 404' });
    });
  });
});

describe('isRetryableStatus', () => {
  it('is true for 408, 429 and 5xx only', () => {
    expect([200, 404, 408, 410, 429, 499, 500, 599, 600].filter(isRetryableStatus)).toEqual([408, 429, 500, 599]);
  });
});
