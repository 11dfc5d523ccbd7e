import { NOTHING_ALLOW_LISTED, validateSubscription } from '@hookbus/delivery-sdk';
import { z } from 'zod';
import { SECUTIX_MAX_RESENDS, secutixPlugin } from './secutix.plugin';

const base = { plugin: 'secutix', hook: 'order-closed', url: 'https://box.example/orders/${orderId}' };
const validate = (input: object) => validateSubscription(secutixPlugin, { ...base, ...input }, NOTHING_ALLOW_LISTED);
const rulesOf = (input: object) => {
  const result = validate(input);
  return result.ok ? [] : result.issues.map(({ field, rule }) => ({ field, rule }));
};

describe('secutixPlugin', () => {
  it('serves order-closed with POST by default and applies the schedule defaults', () => {
    expect(secutixPlugin.hooks).toEqual([{ name: 'order-closed', eventTypes: ['order.closed'], subjectLabel: 'Order' }]);
    expect(validate({})).toEqual({
      ok: true,
      value: expect.objectContaining({ method: 'POST', settings: { granularity: 'OPERATIONS', frequencyMinutes: 1, batchSize: 60 } }),
    });
  });

  it('refuses other methods and any auth', () => {
    expect(rulesOf({ method: 'PUT' })).toEqual([{ field: 'method', rule: 'method_not_allowed' }]);
    expect(rulesOf({ auth: { type: 'bearer', token: 't' } })).toEqual([{ field: 'auth.type', rule: 'auth_type_not_allowed' }]);
  });

  describe('URL placeholder', () => {
    it.each(['http://x/${orderId}', 'http://x/path/?data=${orderId}', 'http://x/path/${orderId}?update=true'])('accepts %s with GET', (url) => {
      expect(rulesOf({ url, method: 'GET' })).toEqual([]);
    });

    it.each(['http://x/?data={orderId}', 'http://x/?data=${order id}', 'http://x/${id}', 'http://x/${orderId}/${ORDERID}'])(
      'refuses %s',
      (url) => {
        expect(rulesOf({ url })).toEqual([{ field: 'url', rule: 'invalid_placeholder' }]);
      },
    );

    it('names the position of a bad placeholder', () => {
      expect(validate({ url: 'http://x/?data=${order id}' })).toEqual({
        ok: false,
        issues: [{ field: 'url', rule: 'invalid_placeholder', message: expect.stringContaining('position 15') }],
      });
    });

    it('refuses the placeholder in the host', () => {
      expect(rulesOf({ url: 'https://${orderId}.box.example/' })).toEqual([{ field: 'url', rule: 'placeholder_position' }]);
    });

    it('requires the placeholder in the URL with GET', () => {
      expect(rulesOf({ url: 'https://box.example/orders', method: 'GET' })).toEqual([{ field: 'url', rule: 'placeholder_required' }]);
    });

    it('requires the placeholder in the URL or the payload with POST', () => {
      expect(rulesOf({ url: 'https://box.example/orders' })).toEqual([{ field: 'url', rule: 'placeholder_required' }]);
      expect(rulesOf({ url: 'https://box.example/orders', settings: { payloadTemplate: '{"orderId": ${orderId}}' } })).toEqual([]);
    });
  });

  describe('payloadTemplate', () => {
    it.each(['{"orderId": ${orderId}}', '{"orderId": "${orderId}", "source": "secutix"}', '[${orderId}]', '{"static": true}'])(
      'accepts %s with POST',
      (payloadTemplate) => {
        expect(rulesOf({ settings: { payloadTemplate } })).toEqual([]);
      },
    );

    it('refuses a template with GET', () => {
      expect(rulesOf({ method: 'GET', settings: { payloadTemplate: '{}' } })).toEqual([
        { field: 'settings.payloadTemplate', rule: 'payload_requires_post' },
      ]);
    });

    it.each(['{"orderId": ${orderId}', '{orderId: ${orderId}}', '', '{"id": ${orderId}${orderId}x}'])('refuses invalid JSON %j', (payloadTemplate) => {
      expect(rulesOf({ settings: { payloadTemplate } })).toEqual([{ field: 'settings.payloadTemplate', rule: 'invalid_json' }]);
    });

    it('refuses a bad placeholder in the template', () => {
      expect(rulesOf({ settings: { payloadTemplate: '{"id": ${order_id}}' } })).toEqual([
        { field: 'settings.payloadTemplate', rule: 'invalid_placeholder' },
      ]);
    });
  });

  describe('filter', () => {
    it('accepts the documented filters', () => {
      const filter = 'OrderDetailsData.OperationDatas(ProductCode=XXXX).BasePrice=10000;OrderDetailsData.OrderType=SALE';
      expect(rulesOf({ settings: { filter, granularity: 'TICKETS' } })).toEqual([]);
      expect(rulesOf({ settings: { filter: 'OrderDetailsData.OperationDatas(*).ProductCode=XXXX' } })).toEqual([]);
    });

    it('reports a malformed filter with its position', () => {
      expect(validate({ settings: { filter: 'OrderDetailsData.OperationDatas(*.ProductCode=XXXX' } })).toEqual({
        ok: false,
        issues: [
          {
            field: 'settings.filter',
            rule: 'filter_syntax',
            message: "invalid filter at position 33: unexpected '.', expected ')' to close the '(' at 31",
          },
        ],
      });
    });

    it('refuses an unknown granularity', () => {
      expect(rulesOf({ settings: { granularity: 'SEATS' } })).toEqual([{ field: 'settings.granularity', rule: 'invalid_value' }]);
    });
  });

  describe('schedule', () => {
    it.each([
      [{ frequencyMinutes: 1440, batchSize: 1000 }, []],
      [{ frequencyMinutes: 0 }, [{ field: 'settings.frequencyMinutes', rule: 'too_small' }]],
      [{ frequencyMinutes: 1441 }, [{ field: 'settings.frequencyMinutes', rule: 'too_big' }]],
      [{ batchSize: 0 }, [{ field: 'settings.batchSize', rule: 'too_small' }]],
      [{ batchSize: 1001 }, [{ field: 'settings.batchSize', rule: 'too_big' }]],
      [{ batchSize: 1.5 }, [{ field: 'settings.batchSize', rule: 'invalid_type' }]],
      [{ schedule: 'hourly' }, [{ field: 'settings.schedule', rule: 'unrecognized_keys' }]],
    ])('settings %j', (settings, issues) => {
      expect(rulesOf({ settings })).toEqual(issues);
    });

    it('describes its schedule defaults', () => {
      expect(secutixPlugin.schedule).toEqual({ frequencyMinutes: 1, batchSize: 60 });
    });
  });

  it('re-sends 12 times at the next runs, and no more', () => {
    expect(secutixPlugin.retry.delaysSeconds).toEqual(Array(SECUTIX_MAX_RESENDS).fill(60));
    expect(rulesOf({ retryPolicy: { delaysSeconds: Array(12).fill(300) } })).toEqual([]);
    expect(rulesOf({ retryPolicy: { delaysSeconds: Array(13).fill(300) } })).toEqual([
      { field: 'retryPolicy.delaysSeconds', rule: 'too_many_retries' },
    ]);
  });

  it('publishes a JSON Schema for its settings', () => {
    expect(z.toJSONSchema(secutixPlugin.settingsSchema, { io: 'input' })).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { granularity: { enum: ['OPERATIONS', 'MOVEMENTS', 'TICKETS'], default: 'OPERATIONS' } },
    });
  });
});
