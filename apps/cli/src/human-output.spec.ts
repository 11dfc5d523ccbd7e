import type { DeliveryDetail, DeliverySummary, Subscription } from './api-views';
import { deliveriesTable, deliveryDetail, recoverSummary, subscriptionsTable, table } from './human-output';

const summary: DeliverySummary = {
  id: 'dlv_1',
  eventId: 'evt-1',
  subscriptionId: 'sub_1',
  subject: 'order-6908',
  plugin: 'webhook',
  hook: 'events',
  status: 'delivered',
  attemptCount: 1,
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:01.000Z',
};

describe('human output', () => {
  it('pads columns to their widest cell, two spaces apart, without trailing blanks', () => {
    expect(table(['A', 'LONG'], [['wide cell', 'x'], ['b', '']])).toBe('A          LONG\nwide cell  x\nb');
  });

  it('lists deliveries one a line, and says how to fetch the next page', () => {
    expect(deliveriesTable({ items: [summary], next: 'c2' }).split('\n')).toEqual([
      'ID     STATUS     ATTEMPTS  PLUGIN/HOOK     SUBJECT     EVENT  UPDATED',
      'dlv_1  delivered  1         webhook/events  order-6908  evt-1  2026-11-22T10:00:01.000Z',
      'more: --cursor c2',
    ]);
    expect(deliveriesTable({ items: [] })).toBe('no deliveries');
  });

  it('shows a delivery: its facts, then each attempt with its outcome, HTTP status and request', () => {
    const detail: DeliveryDetail = {
      ...summary,
      status: 'failed',
      attemptCount: 2,
      retry: { allowed: false, reason: 'its subscription is disabled; enable it first' },
      attempts: [
        { n: 1, at: '2026-11-22T10:00:00.000Z', request: { method: 'POST', url: 'https://erp/hook' }, response: { status: 503 }, durationMs: 12, outcome: 'retrying' },
        { n: 2, at: '2026-11-22T10:00:05.000Z', request: { method: 'POST', url: 'https://erp/hook' }, durationMs: 30000, error: 'timeout', outcome: 'failed' },
      ],
    };

    expect(deliveryDetail(detail).split('\n')).toEqual([
      'delivery:     dlv_1',
      'status:       failed',
      'event:        evt-1',
      'subject:      order-6908',
      'subscription: sub_1 (webhook/events)',
      'retry:        not allowed: its subscription is disabled; enable it first',
      '',
      '#  AT                        OUTCOME   HTTP  TOOK      REQUEST                ERROR',
      '1  2026-11-22T10:00:00.000Z  retrying  503   12 ms     POST https://erp/hook',
      '2  2026-11-22T10:00:05.000Z  failed    -     30000 ms  POST https://erp/hook  timeout',
    ]);
  });

  it('lists subscriptions with their state and endpoint', () => {
    const subscription: Subscription = { id: 'sub_1', plugin: 'webhook', hook: 'events', url: 'https://erp/hook', method: 'POST', enabled: false, status: 'disabled', disabledReason: 'the endpoint answered 410 Gone' };
    expect(subscriptionsTable({ items: [subscription] }).split('\n')).toEqual([
      'ID     PLUGIN/HOOK     ENABLED  STATUS                                     ENDPOINT',
      'sub_1  webhook/events  no       disabled (the endpoint answered 410 Gone)  POST https://erp/hook',
    ]);
  });

  it('sums up a recovery: how many were retried, and why the others were left alone', () => {
    expect(recoverSummary({ retried: 3, skipped: { 'its event was not kept': 2 } })).toBe('retried 3\nskipped 2: its event was not kept');
    expect(recoverSummary({ retried: 0, skipped: {} })).toBe('retried 0');
  });
});
