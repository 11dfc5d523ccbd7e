import { DELIVERY_STATUSES, validate, type ValidationIssue } from '@hookbus/contracts';
import { fillBuckets } from './delivery-buckets';
import { deliveryStatsQuery, deliveryStatsResponse, failingSubscriptionsQuery } from './stats.schemas';
import { bucketStarts } from './stats-window';

const NOW = new Date('2025-06-08T10:30:00Z');
const clock = () => NOW;
const deliveries = (query: Record<string, string>) => validate(deliveryStatsQuery(clock), query);
const failing = (query: Record<string, string>) => validate(failingSubscriptionsQuery(clock), query);
const issuesOf = (result: { ok: true } | { ok: false; issues: ValidationIssue[] }) => (result.ok ? [] : result.issues);

describe('deliveryStatsQuery', () => {
  it('defaults to hours of the last 24 hours', () => {
    expect(deliveries({})).toEqual({
      ok: true,
      value: { window: { since: new Date('2025-06-07T10:30:00Z'), until: NOW }, bucket: 'hour' },
    });
  });

  it('defaults to days of the last 7 days, before a given until', () => {
    expect(deliveries({ bucket: 'day', until: '2025-06-01T00:00:00+02:00' })).toEqual({
      ok: true,
      value: { window: { since: new Date('2025-05-24T22:00:00Z'), until: new Date('2025-05-31T22:00:00Z') }, bucket: 'day' },
    });
  });

  it('reads a window, a subscription, and treats empty parameters as not given', () => {
    expect(deliveries({ since: '2025-06-01T00:00:00Z', until: '2025-06-02T00:00:00Z', subscriptionId: 'sub_1', bucket: '' })).toEqual({
      ok: true,
      value: { window: { since: new Date('2025-06-01T00:00:00Z'), until: new Date('2025-06-02T00:00:00Z') }, bucket: 'hour', subscriptionId: 'sub_1' },
    });
  });

  it('accepts exactly 1,000 buckets', () => {
    expect(deliveries({ since: '2025-01-01T00:00:00Z', until: new Date(Date.parse('2025-01-01T00:00:00Z') + 1000 * 3_600_000).toISOString() }).ok).toBe(true);
  });

  it.each([
    ['since', 'invalid_format', { since: '2025-06-01' }, /ISO 8601 date-time with a time zone/],
    ['until', 'invalid_format', { until: 'yesterday' }, /ISO 8601 date-time with a time zone/],
    ['bucket', 'invalid_value', { bucket: 'week' }, /must be one of: hour, day/],
    ['until', 'custom', { since: '2025-06-02T00:00:00Z', until: '2025-06-01T00:00:00Z' }, /must be after `since`/],
    ['until', 'custom', { since: '2025-06-01T00:00:00Z', until: '2025-06-01T00:00:00Z' }, /must be after `since`/],
    ['since', 'custom', { since: '2025-06-09T00:00:00Z' }, /must be before `until` \(by default: now\)/],
    ['since', 'too_big', { since: '2025-01-01T00:00:00Z', until: '2025-03-01T00:00:00Z' }, /holds 1416 hour buckets, at most 1000: .* or use bucket=day/],
    ['since', 'too_big', { since: '2020-01-01T00:00:00Z', bucket: 'day' }, /holds 1986 day buckets, at most 1000/],
    ['subscriptionId', 'too_big', { subscriptionId: 'x'.repeat(65) }, /at most 64/],
  ])('names %s (%s) when it is wrong', (field, rule, query, message) => {
    const issues = issuesOf(deliveries(query));
    expect(issues).toEqual([{ field, rule, message: expect.stringMatching(message) }]);
  });
});

describe('failingSubscriptionsQuery', () => {
  it('defaults to the 5 worst of the last 24 hours', () => {
    expect(failing({})).toEqual({ ok: true, value: { window: { since: new Date('2025-06-07T10:30:00Z'), until: NOW }, limit: 5 } });
  });

  it.each([
    ['limit', { limit: '0' }],
    ['limit', { limit: '51' }],
    ['limit', { limit: 'ten' }],
    ['since', { since: 'now' }],
    ['until', { since: '2025-06-02T00:00:00Z', until: '2025-06-01T00:00:00Z' }],
  ])('names %s when it is wrong', (field, query) => {
    expect(issuesOf(failing(query)).map((issue) => issue.field)).toEqual([field]);
  });

  it('takes 1 to 50', () => {
    expect(failing({ limit: '50' })).toMatchObject({ ok: true, value: { limit: 50 } });
    expect(failing({ limit: '1' })).toMatchObject({ ok: true, value: { limit: 1 } });
  });
});

describe('deliveryStatsResponse', () => {
  it('documents what the service answers: a start and every delivery status', () => {
    const window = { since: new Date('2025-06-01T00:00:00Z'), until: new Date('2025-06-01T02:00:00Z') };
    const answer = { buckets: fillBuckets(bucketStarts(window, 'hour'), [{ start: window.since.getTime(), status: 'failed', count: 1 }]) };
    expect(deliveryStatsResponse.strict().parse(answer)).toEqual(answer);
    expect(Object.keys(deliveryStatsResponse.shape.buckets.element.shape).sort()).toEqual(['start', ...DELIVERY_STATUSES].sort());
  });
});
