import { z } from 'zod';
import { loadEnv } from '@hookbus/platform';
import { serviceUrlsVar } from './service-urls';

const schema = z.object({ HOOKBUS_SERVICE_URLS: serviceUrlsVar() });
const load = (value?: string) => loadEnv(schema, value === undefined ? {} : { HOOKBUS_SERVICE_URLS: value }).HOOKBUS_SERVICE_URLS;

describe('HOOKBUS_SERVICE_URLS', () => {
  it('defaults to the other four services on their local ports', () => {
    expect(load()).toEqual([
      { name: 'ingest-service', url: 'http://127.0.0.1:3002' },
      { name: 'delivery-service', url: 'http://127.0.0.1:3003' },
      { name: 'retry-scheduler', url: 'http://127.0.0.1:3004' },
      { name: 'notifier-service', url: 'http://127.0.0.1:3005' },
    ]);
  });

  it('reads name=url pairs, trimming spaces and a trailing slash, keeping a path', () => {
    expect(load(' ingest-service = https://ingest.internal/ , delivery-komet=http://10.0.0.7:3003/hookbus/ ')).toEqual([
      { name: 'ingest-service', url: 'https://ingest.internal' },
      { name: 'delivery-komet', url: 'http://10.0.0.7:3003/hookbus' },
    ]);
  });

  it('takes an empty value as no other service', () => {
    expect(load('')).toEqual([]);
  });

  it.each([
    ['ingest-service', 'each entry must be name=url (got "ingest-service")'],
    ['ingest service=http://a', 'a service name may hold only letters'],
    ['ingest-service=not a url', 'ingest-service: must be an absolute http(s) URL'],
    ['ingest-service=ftp://a', 'ingest-service: must be an http(s) URL'],
    ['ingest-service=http://ops:hunter22@a', 'ingest-service: must not carry credentials'],
    ['a=http://x,a=http://y', 'names a more than once'],
  ])('refuses %j at boot, naming the variable and the rule', (value, rule) => {
    expect(() => load(value)).toThrow(`HOOKBUS_SERVICE_URLS: ${rule}`);
  });
});
