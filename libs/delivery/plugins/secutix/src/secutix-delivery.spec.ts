import { type DeliveryOutcome, type Subscription } from '@hookbus/delivery-sdk';
import { runPluginConformance, testEvent } from '@hookbus/delivery-sdk/testing';
import type { SecutixSettings } from './secutix-settings.schema';
import { classifySecutix, matchesSecutixFilter, secutixPlugin } from './secutix.plugin';

const defaults: SecutixSettings = { granularity: 'OPERATIONS', frequencyMinutes: 1, batchSize: 60 };
const subscription = (overrides: Partial<Subscription<SecutixSettings>> = {}, settings: Partial<SecutixSettings> = {}): Subscription<SecutixSettings> => ({
  plugin: 'secutix',
  hook: 'order-closed',
  url: 'https://box.example/orders/${orderId}?update=true',
  method: 'POST',
  enabled: true,
  auth: { type: 'none' },
  errorEmails: [],
  ...overrides,
  settings: { ...defaults, ...settings },
});
const context = { deliveryId: 'dlv_1', attempt: 1 };
const details = {
  orderType: 'SALE',
  orderState: 'CLOSED',
  operationDatas: [
    { productCode: 'XXXX', basePrice: 10000, quantity: 2 },
    { productCode: 'YYYY', basePrice: 500, quantity: 1 },
  ],
};
const closed = (orderId: number | string = 1234567890, orderDetailsData: object = details) => testEvent('order.closed', { orderId, orderDetailsData });
const render = (sub: Subscription<SecutixSettings>, event = closed()) => secutixPlugin.render(event, sub, context);

describe('secutix render', () => {
  it('GETs the URL with the order id in place of ${orderId}, without body or headers', () => {
    expect(render(subscription({ method: 'GET', url: 'http://x.example/path/?data=${orderId}' }))).toEqual({
      method: 'GET',
      url: 'http://x.example/path/?data=1234567890',
      headers: {},
      body: '',
      secretHeaders: [],
    });
  });

  it('replaces every placeholder and keeps all digits of an int64', () => {
    const sub = subscription({ method: 'GET', url: 'https://x.example/${orderId}/again/${orderId}' });
    expect(render(sub, closed('9223372036854775807')).url).toBe('https://x.example/9223372036854775807/again/9223372036854775807');
  });

  it('POSTs the payload template with the id substituted, bytes untouched', () => {
    const template = '{ "orderId": ${orderId}, "ref": "order-${orderId}", "source": "secutix" }';
    expect(render(subscription({}, { payloadTemplate: template }))).toEqual({
      method: 'POST',
      url: 'https://box.example/orders/1234567890?update=true',
      headers: { 'Content-Type': 'application/json' },
      body: '{ "orderId": 1234567890, "ref": "order-1234567890", "source": "secutix" }',
      secretHeaders: [],
    });
  });

  it('POSTs a template without placeholder as is', () => {
    expect(render(subscription({}, { payloadTemplate: '{"static":true}' })).body).toBe('{"static":true}');
  });

  it('POSTs {"orderId":<id>} when there is no template', () => {
    expect(render(subscription()).body).toBe('{"orderId":1234567890}');
    expect(render(subscription({ url: 'https://box.example/orders' }), closed('0042')).body).toBe('{"orderId":42}');
  });
});

describe('secutix matches', () => {
  const matches = (filter: string | undefined, event = closed()) => matchesSecutixFilter(event, subscription({}, filter === undefined ? {} : { filter }));

  it('matches every order without a filter', () => {
    expect(matches(undefined)).toBe(true);
  });

  it.each([
    ['OrderDetailsData.OperationDatas(*).ProductCode=XXXX', true],
    ['OrderDetailsData.OperationDatas(*).ProductCode=ZZZZ', false],
    ['OrderDetailsData.OperationDatas(ProductCode=XXXX).BasePrice=10000;OrderDetailsData.OrderType=SALE', true],
    ['OrderDetailsData.OperationDatas(ProductCode=YYYY).BasePrice=10000;OrderDetailsData.OrderType=SALE', false],
    ['OrderDetailsData.OperationDatas(ProductCode=XXXX).BasePrice=10000;OrderDetailsData.OrderType=REFUND', false],
    ['orderdetailsdata.ORDERTYPE=SALE', true],
  ])('filter %s → %s', (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it('delivers nothing for a stored filter that no longer parses', () => {
    expect(matches('OrderDetailsData.OperationDatas(*.ProductCode=XXXX')).toBe(false);
  });
});

describe('secutix classify', () => {
  const response = (status: number): DeliveryOutcome => ({ kind: 'response', status, headers: {}, body: '' });

  it.each([200, 201, 204])('delivers %d', (status) => {
    expect(classifySecutix(response(status))).toEqual({ result: 'delivered' });
  });

  it.each([408, 429, 500, 503])('retries %d at the next run', (status) => {
    expect(classifySecutix(response(status))).toEqual({ result: 'retry', reason: `HTTP ${status}` });
  });

  it.each([302, 400, 404])('re-sends %d at the next run too', (status) => {
    expect(classifySecutix(response(status))).toEqual({ result: 'retry', reason: `HTTP ${status}: re-sent at the next run` });
  });

  it('fails 410 as gone and a refused destination at once; retries transport errors', () => {
    expect(classifySecutix(response(410))).toEqual({ result: 'failed', reason: 'HTTP 410 Gone', gone: true });
    expect(classifySecutix({ kind: 'error', error: 'ssrf_refused', message: 'm' })).toEqual({ result: 'failed', reason: 'ssrf_refused: m' });
    expect(classifySecutix({ kind: 'error', error: 'timeout', message: 'm' })).toEqual({ result: 'retry', reason: 'timeout: m' });
  });
});

runPluginConformance(secutixPlugin, [
  { name: 'GET with the id in the query', event: closed(), subscription: subscription({ method: 'GET', url: 'http://x.example/path/?data=${orderId}' }) },
  { name: 'POST with a template', event: closed(), subscription: subscription({ url: 'https://box.example/in' }, { payloadTemplate: '{"id":"${orderId}"}' }) },
  { name: 'POST with a matching filter', event: closed(), subscription: subscription({}, { filter: 'OrderDetailsData.OrderType=SALE', granularity: 'TICKETS' }) },
]);
