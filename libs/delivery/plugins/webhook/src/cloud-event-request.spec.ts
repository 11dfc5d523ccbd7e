import type { Subscription } from '@hookbus/delivery-sdk';
import { testEvent } from '@hookbus/delivery-sdk/testing';
import { HTTP } from 'cloudevents';
import { cloudEventRequest, STRUCTURED_CONTENT_TYPE } from './cloud-event-request';

const subscription: Subscription = {
  plugin: 'webhook',
  hook: 'events',
  url: 'https://receiver.example/hooks',
  method: 'POST',
  enabled: true,
  auth: { type: 'bearer', token: 'tk' },
  errorEmails: [],
  settings: {},
};
const event = testEvent('order.confirmed', { companyId: 6316, orderId: '9007199254740993' }, { id: 'evt_1', origin: 'shop' });

describe('cloudEventRequest', () => {
  it('structured: the event as produced, in application/cloudevents+json, with the auth header marked secret', () => {
    const request = cloudEventRequest(event, subscription, 'structured');
    expect(request).toEqual({
      method: 'POST',
      url: 'https://receiver.example/hooks',
      headers: { 'Content-Type': STRUCTURED_CONTENT_TYPE, Authorization: 'Bearer tk' },
      body: JSON.stringify(event),
      secretHeaders: ['Authorization'],
    });
    const parsed = HTTP.toEvent({ headers: { 'content-type': request.headers['Content-Type'] }, body: request.body });
    expect(parsed).toMatchObject({ id: 'evt_1', type: 'order.confirmed', subject: '9007199254740993', tenantid: 'tenant_1', origin: 'shop' });
    expect((parsed as { data: unknown }).data).toEqual(event.data);
  });

  it('binary: each attribute as a ce- header, the data alone as JSON in the body', () => {
    const request = cloudEventRequest(event, subscription, 'binary');
    expect(request.headers).toEqual({
      'Content-Type': 'application/json',
      'ce-specversion': '1.0',
      'ce-id': 'evt_1',
      'ce-source': '/hookbus/tests',
      'ce-type': 'order.confirmed',
      'ce-time': '2025-03-14T09:26:53.589Z',
      'ce-subject': '9007199254740993',
      'ce-tenantid': 'tenant_1',
      'ce-origin': 'shop',
      Authorization: 'Bearer tk',
    });
    expect(request.body).toBe('{"companyId":6316,"orderId":"9007199254740993"}');
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
    expect(HTTP.toEvent({ headers, body: request.body })).toMatchObject({ id: 'evt_1', type: 'order.confirmed', origin: 'shop', data: event.data });
  });

  it("binary: the data's own content type, and attribute values percent-encoded as the binding asks", () => {
    const odd = testEvent('order.confirmed', { companyId: 1, orderId: 2 }, { subject: 'Ordre n° 5 "ok" 100%', datacontenttype: 'application/json; charset=utf-8' });
    const request = cloudEventRequest(odd, subscription, 'binary');
    expect(request.headers['Content-Type']).toBe('application/json; charset=utf-8');
    expect(request.headers['ce-subject']).toBe('Ordre%20n%C2%B0%205%20%22ok%22%20100%25');
    expect(decodeURIComponent(request.headers['ce-subject'])).toBe(odd.subject);
    expect(request.headers).not.toHaveProperty('ce-datacontenttype');
  });

  it('binary: an event without an origin sends no ce-origin header', () => {
    const request = cloudEventRequest(testEvent('order.confirmed', { companyId: 1, orderId: 2 }, { origin: undefined }), subscription, 'binary');
    expect(Object.keys(request.headers)).not.toContain('ce-origin');
  });
});
