import { z } from 'zod';
import { commonEnv, loadEnv } from './env';

const schema = z.object(commonEnv(3003));

describe('consumer group timing in the common environment', () => {
  it('defaults to a 10 s session with a heartbeat every second', () => {
    expect(loadEnv(schema, {})).toMatchObject({ KAFKA_SESSION_TIMEOUT_MS: 10_000, KAFKA_HEARTBEAT_INTERVAL_MS: 1_000 });
  });

  it('takes a session and a heartbeat of a third of it', () => {
    expect(loadEnv(schema, { KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '2000' })).toMatchObject({
      KAFKA_SESSION_TIMEOUT_MS: 6_000,
      KAFKA_HEARTBEAT_INTERVAL_MS: 2_000,
    });
  });

  it.each([
    ['5999', 'must be at least 6000'],
    ['300001', 'must be at most 300000'],
    ['10s', 'must be a whole number'],
  ])('refuses KAFKA_SESSION_TIMEOUT_MS=%s, naming it', (value, rule) => {
    expect(() => loadEnv(schema, { KAFKA_SESSION_TIMEOUT_MS: value })).toThrow(`KAFKA_SESSION_TIMEOUT_MS: ${rule} (got "${value}")`);
  });

  it('refuses a heartbeat interval above a third of the session timeout, naming the variable and the rule', () => {
    expect(() => loadEnv(schema, { KAFKA_SESSION_TIMEOUT_MS: '9000', KAFKA_HEARTBEAT_INTERVAL_MS: '3001' })).toThrow(
      'KAFKA_HEARTBEAT_INTERVAL_MS: must be at most a third of KAFKA_SESSION_TIMEOUT_MS (9000), so at most 3000 (got "3001")',
    );
    expect(() => loadEnv(schema, { KAFKA_HEARTBEAT_INTERVAL_MS: '4000' })).toThrow('KAFKA_HEARTBEAT_INTERVAL_MS: must be at most a third of KAFKA_SESSION_TIMEOUT_MS (10000)');
  });

  it('checks the rule for a schema that extends the common variables', () => {
    const service = z.object({ ...commonEnv(3004), KAFKA_GROUP_ID: z.string().default('g') }).transform((env) => ({ ...env, extra: true }));
    expect(() => loadEnv(service, { KAFKA_HEARTBEAT_INTERVAL_MS: '5000' })).toThrow('KAFKA_HEARTBEAT_INTERVAL_MS: must be at most a third');
  });
});
