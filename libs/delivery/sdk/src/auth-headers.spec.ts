import { authHeaders } from './auth-headers';
import { jsonRequest } from './json-request';
import type { Subscription } from './delivery-plugin';

describe('authHeaders', () => {
  it('sends nothing without auth', () => {
    expect(authHeaders({ type: 'none' })).toEqual({ headers: {}, secretHeaders: [] });
  });

  it("sends Komet's authenticationToken header", () => {
    expect(authHeaders({ type: 'token', token: 'k3y' })).toEqual({ headers: { authenticationToken: 'k3y' }, secretHeaders: ['authenticationToken'] });
  });

  it('sends Basic credentials as base64 of UTF-8 user:password', () => {
    expect(authHeaders({ type: 'basic', username: 'erp', password: 'pä:ss' })).toEqual({
      headers: { Authorization: `Basic ${Buffer.from('erp:pä:ss', 'utf8').toString('base64')}` },
      secretHeaders: ['Authorization'],
    });
    expect(authHeaders({ type: 'basic', username: 'Aladdin', password: 'open sesame' }).headers).toEqual({
      Authorization: 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
    });
  });

  it('sends a Bearer token', () => {
    expect(authHeaders({ type: 'bearer', token: 'eyJ.x.y' })).toEqual({ headers: { Authorization: 'Bearer eyJ.x.y' }, secretHeaders: ['Authorization'] });
  });
});

describe('jsonRequest', () => {
  const subscription: Subscription = {
    plugin: 'fake',
    hook: 'h',
    url: 'https://receiver.example/in',
    method: 'PUT',
    enabled: true,
    auth: { type: 'bearer', token: 't' },
    errorEmails: [],
    settings: {},
  };

  it("uses the subscription's method and URL, the JSON content type, extra headers and auth", () => {
    expect(jsonRequest(subscription, '{"a":1}', { headers: { Accept: 'application/json' } })).toEqual({
      method: 'PUT',
      url: 'https://receiver.example/in',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: 'Bearer t' },
      body: '{"a":1}',
      secretHeaders: ['Authorization'],
    });
  });

  it('takes another URL', () => {
    expect(jsonRequest(subscription, '{}', { url: 'https://receiver.example/in/7' }).url).toBe('https://receiver.example/in/7');
  });
});
