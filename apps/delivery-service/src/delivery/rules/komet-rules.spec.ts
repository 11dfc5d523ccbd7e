import { after, answer, contextFor, judge, ladder, noAnswer } from '../testing/rule-fixtures';

const MINUTE = 60_000;
const komet = contextFor('komet');
const reply = (status: number | string, message?: string) => JSON.stringify({ status, ...(message ? { message } : {}) });

describe('komet: what an answer means', () => {
  it.each([
    ['status 1', reply(1, 'Order 6908 synchronised'), 'Order 6908 synchronised'],
    ['status "1"', reply('1'), undefined],
    ['no readable status', 'OK', undefined],
  ])('2xx with %s: delivered, keeping the message', (_label, body, message) => {
    const decision = judge(komet, answer(200, body));
    expect(decision.status).toBe('delivered');
    expect(decision.records.log.vendorMessage).toBe(message);
    expect(decision.records.notification).toBeUndefined();
  });

  it('2xx with status 0: the external system refused it: failed at once, not retried, its message stored and e-mailed', () => {
    const decision = judge(komet, answer(200, reply('0', 'Order 6908 unknown')));

    expect(decision.status).toBe('failed');
    expect(decision.records.deadLetter).toBeUndefined();
    expect(decision.records.log.vendorMessage).toBe('Order 6908 unknown');
    expect(decision.records.notification).toMatchObject({
      type: 'delivery.failed',
      reason: 'rejected by the external system (status 0)',
      vendorMessage: 'Order 6908 unknown',
      httpStatus: 200,
    });
  });

  it('`error` stands for `message`, and false for 0', () => {
    expect(judge(komet, answer(200, '{"status":false,"error":"closed period"}')).records.notification).toMatchObject({ vendorMessage: 'closed period' });
  });

  it.each([
    ['408', answer(408)],
    ['429', answer(429)],
    ['500', answer(500)],
    ['503', answer(503)],
    ['a timeout', noAnswer('timeout')],
    ['a dropped connection', noAnswer('connection')],
  ])('%s: retried after 30 s, 2, 10, 30 and 60 min, then failed and e-mailed', (_label, result) => {
    expect(ladder('komet', result)).toEqual([
      { status: 'retrying', dueAt: after(30_000) },
      { status: 'retrying', dueAt: after(2 * MINUTE) },
      { status: 'retrying', dueAt: after(10 * MINUTE) },
      { status: 'retrying', dueAt: after(30 * MINUTE) },
      { status: 'retrying', dueAt: after(60 * MINUTE) },
      { status: 'failed' },
    ]);
    expect(judge(contextFor('komet', { attempt: 6 }), result).records.notification).toMatchObject({ type: 'delivery.failed', attempt: 6 });
  });

  it('another 4xx: failed at once, with the message the reply carried', () => {
    const decision = judge(komet, answer(400, reply(0, 'bad companyId')));
    expect(decision.status).toBe('failed');
    expect(decision.records.notification).toMatchObject({ reason: 'HTTP 400', vendorMessage: 'bad companyId', httpStatus: 400 });
  });

  it('410 Gone: failed at once and gone', () => {
    expect(judge(komet, answer(410)).records.log).toMatchObject({ outcome: 'failed', gone: true });
  });

  it('a destination refused by the egress policy: failed at once, retrying would hit it again', () => {
    expect(judge(komet, noAnswer('ssrf_refused', '10.0.0.1 is private')).status).toBe('failed');
  });
});
