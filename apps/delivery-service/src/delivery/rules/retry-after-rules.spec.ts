import { after, answer, contextFor, EXACT, judge, NOW } from '../testing/rule-fixtures';

const HOUR = 3_600_000;
const jittery = { ...EXACT, random: () => 0.9 };
const dueAfter = (vendor: string, retryAfter: string, attempt = 1) =>
  judge(contextFor(vendor, { attempt }), answer(500, '', { 'retry-after': retryAfter }), jittery).dueAt;

// A 429 or 503 with Retry-After pauses the whole endpoint first (see the flow-control specs); these
// are the answers the rules see: other statuses, or an attempt put off too often already.
describe("Retry-After: the receiver's wait replaces the policy's delay, within its bounds", () => {
  it('in seconds: taken as given, without jitter', () => {
    expect(dueAfter('postback', '120')).toBe(after(120_000));
    expect(dueAfter('komet', '45')).toBe(after(45_000));
  });

  it('as an HTTP date: until then', () => {
    const inTenMinutes = new Date(NOW.getTime() + 600_000).toUTCString();
    expect(dueAfter('komerce', inTenMinutes)).toBe(after(600_000));
  });

  it('never sooner than a second, never later than a day', () => {
    expect(dueAfter('postback', '0')).toBe(after(1_000));
    expect(dueAfter('postback', new Date(NOW.getTime() - HOUR).toUTCString())).toBe(after(1_000));
    expect(dueAfter('postback', String(3 * 24 * 3600))).toBe(after(24 * HOUR));
  });

  it('a malformed value is ignored: the policy delay applies, jittered', () => {
    expect(dueAfter('postback', 'soon')).toBe(after(60_000 * 1.09));
  });

  it('uses up a retry like any other: the last attempt still fails', () => {
    expect(judge(contextFor('postback', { attempt: 4 }), answer(500, '', { 'retry-after': '5' })).status).toBe('failed');
    expect(judge(contextFor('postback', { attempt: 2 }), answer(500, '', { 'retry-after': '5' })).records.deadLetter?.attempt).toBe(3);
  });

  it('does not make a final answer retryable', () => {
    expect(judge(contextFor('postback'), answer(400, '', { 'retry-after': '5' })).status).toBe('failed');
  });
});
