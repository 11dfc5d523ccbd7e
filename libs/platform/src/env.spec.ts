import { z } from 'zod';
import { BACKGROUND_NICE, commonEnv, EnvValidationError, loadEnv } from './env';

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
});
