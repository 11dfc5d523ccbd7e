import { UsageError } from './cli-arguments';
import { connectionOf, DEFAULT_CONFIG_URL, DEFAULT_INGEST_URL } from './connection';

describe('connectionOf', () => {
  const env = { HOOKBUS_KEY: 'hbk_env', HOOKBUS_ADMIN_TOKEN: 'operator-env' };

  it('takes the URLs from the options, else the environment, else the local defaults', () => {
    expect(connectionOf({ 'config-url': 'http://a' }, { ...env, HOOKBUS_INGEST_URL: 'http://b' }, 'tenant')).toMatchObject({ configUrl: 'http://a', ingestUrl: 'http://b' });
    expect(connectionOf({}, env, 'tenant')).toMatchObject({ configUrl: DEFAULT_CONFIG_URL, ingestUrl: DEFAULT_INGEST_URL, attempts: undefined });
  });

  it('sends the key to publish, the operator token to create a tenant, and the key before the token otherwise', () => {
    expect(connectionOf({}, env, 'producer').token).toBe('hbk_env');
    expect(connectionOf({}, env, 'operator').token).toBe('operator-env');
    expect(connectionOf({}, env, 'tenant').token).toBe('hbk_env');
    expect(connectionOf({}, { HOOKBUS_ADMIN_TOKEN: 'operator-env' }, 'tenant').token).toBe('operator-env');
    expect(connectionOf({ key: 'hbk_flag' }, env, 'producer').token).toBe('hbk_flag');
  });

  it('is a usage error without the credential the command needs, naming the option and the variable', () => {
    expect(() => connectionOf({}, { HOOKBUS_ADMIN_TOKEN: 'operator-env' }, 'producer')).toThrow(new UsageError('publishing needs a producer key: --key or HOOKBUS_KEY'));
    expect(() => connectionOf({}, { HOOKBUS_KEY: 'hbk_env' }, 'operator')).toThrow(/--admin-token or HOOKBUS_ADMIN_TOKEN/);
  });

  it('takes --attempts as a whole number of at least 1', () => {
    expect(connectionOf({ attempts: '2' }, env, 'tenant').attempts).toBe(2);
    expect(() => connectionOf({ attempts: '0' }, env, 'tenant')).toThrow('--attempts: must be a whole number of at least 1, not 0');
    expect(() => connectionOf({ attempts: 'many' }, env, 'tenant')).toThrow(UsageError);
  });
});
