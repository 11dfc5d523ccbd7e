import { z } from 'zod';
import { BACKGROUND_NICE, baseUrlVar, commonEnv, EnvValidationError, loadEnv, redactSecrets, secretString } from './env';

const schema = z.object(commonEnv(3002));

describe('loadEnv', () => {
  it('applies the defaults of an empty environment', () => {
    expect(loadEnv(schema, {})).toMatchObject({
      PORT: 3002,
      HOST: '127.0.0.1',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_TOPIC_PREFIX: '',
      LOG_LEVEL: 'log',
      CPU_NICE: 0,
    });
  });

  it('lets a background service default to a higher niceness', () => {
    expect(loadEnv(z.object(commonEnv(3004, BACKGROUND_NICE)), {}).CPU_NICE).toBe(BACKGROUND_NICE);
  });

  it('splits a broker list', () => {
    expect(loadEnv(schema, { KAFKA_BROKERS: 'a:9092, b:9093' }).KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
  });

  it('names each bad variable, its rule and the value it got', () => {
    let error: unknown;
    try {
      loadEnv(schema, { PORT: '70000', KAFKA_BROKERS: 'nohost', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvValidationError);
    const { message } = error as EnvValidationError;
    expect(message).toContain('PORT: must be at most 65535 (got "70000")');
    expect(message).toContain('KAFKA_BROKERS: each broker must be host:port (got "nohost")');
    expect(message).toMatch(/LOG_LEVEL: .* \(got "loud"\)/);
  });

  it('never echoes a password from a URL', () => {
    const withUrl = z.object({ DATABASE_URL: z.string().startsWith('postgres://') });
    expect(() => loadEnv(withUrl, { DATABASE_URL: 'pg://admin:hunter2@db/x' })).toThrow('got "pg://admin:***@db/x"');
  });

  it('says when a required variable is not set', () => {
    const required = z.object({ HOOKBUS_ADMIN_TOKEN: z.string().min(16) });
    expect(() => loadEnv(required, {})).toThrow(/HOOKBUS_ADMIN_TOKEN: .*\(it is not set\)/);
  });

  it.each(['HOOKBUS_ADMIN_TOKEN', 'HOOKBUS_SECRET_KEY', 'SMTP_PASSWORD', 'client_secret'])('never shows the value of %s', (variable) => {
    const schema = z.object({ [variable]: z.string().min(100, 'must be at least 100 characters') });
    let message = '';
    try {
      loadEnv(schema, { [variable]: 'hunter2-but-longer' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`${variable}: must be at least 100 characters (the value is not shown)`);
    expect(message).not.toContain('hunter2');
  });
});

describe('secretString', () => {
  const schema = z.object({ HOOKBUS_ADMIN_TOKEN: secretString().min(16, 'must be at least 16 characters') });

  it.each(['change-me-admin-token', 'CHANGEME-0123456789abcdef', 'change_me_please_0123', 'secret-secret-secret', 'password1234567890', 'example-token-0123456'])(
    'refuses the placeholder %j, naming the variable and the rule but not the value',
    (value) => {
      expect(() => loadEnv(schema, { HOOKBUS_ADMIN_TOKEN: value })).toThrow(
        /HOOKBUS_ADMIN_TOKEN: must not be a placeholder \(a value starting with change-me, changeme, secret, password or example\).*\(the value is not shown\)/,
      );
      expect(() => loadEnv(schema, { HOOKBUS_ADMIN_TOKEN: value })).not.toThrow(value);
    },
  );

  it('takes a random value', () => {
    expect(loadEnv(schema, { HOOKBUS_ADMIN_TOKEN: 'q8VJ0r4hX2lTn6Wm' }).HOOKBUS_ADMIN_TOKEN).toBe('q8VJ0r4hX2lTn6Wm');
  });
});

describe('redactSecrets', () => {
  const env = { HOOKBUS_ADMIN_TOKEN: 'tok-0123456789abcdef', HOOKBUS_SECRET_KEY_PREVIOUS: 'old-key-1111111, old-key-2222222', SMTP_URL: 'smtp://u:pw@mail', LOG_LEVEL: 'warning' };

  it('replaces the values of secret variables, each item of a list, and URL passwords', () => {
    const text = 'bad token tok-0123456789abcdef; keys old-key-1111111 and old-key-2222222; smtp://u:pw@mail; level warning';
    expect(redactSecrets(text, env)).toBe(
      'bad token <HOOKBUS_ADMIN_TOKEN>; keys <HOOKBUS_SECRET_KEY_PREVIOUS> and <HOOKBUS_SECRET_KEY_PREVIOUS>; smtp://u:***@mail; level warning',
    );
  });
});

describe('baseUrlVar', () => {
  const schema = z.object({ URL: baseUrlVar() });

  it('takes an http(s) URL ending with a slash', () => {
    expect(loadEnv(schema, { URL: 'https://hookbus.example.com/console/' }).URL).toBe('https://hookbus.example.com/console/');
    expect(loadEnv(schema, { URL: 'http://localhost:3001/' }).URL).toBe('http://localhost:3001/');
  });

  it.each([
    ['no trailing slash', 'https://hookbus.example.com/console', "must end with '/'"],
    ['another scheme', 'javascript:alert(1)/', 'must be an http:// or https:// URL'],
    ['not a URL', 'console/', 'must be an http:// or https:// URL'],
  ])('refuses %s', (_, value, message) => {
    expect(() => loadEnv(schema, { URL: value })).toThrow(message);
  });
});
