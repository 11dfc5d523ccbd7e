import { EnvValidationError, loadEnv } from '@hookbus/platform';
import { configEnvSchema } from './config-env';

describe('configEnvSchema: delivery log retention', () => {
  it('keeps the delivery log 30 days by default', () => {
    expect(loadEnv(configEnvSchema, {}).DELIVERY_LOG_RETENTION_DAYS).toBe(30);
    expect(loadEnv(configEnvSchema, { DELIVERY_LOG_RETENTION_DAYS: '90' }).DELIVERY_LOG_RETENTION_DAYS).toBe(90);
  });

  it.each(['0', '-1', '1.5', 'forever', '3651'])('refuses DELIVERY_LOG_RETENTION_DAYS=%s, naming it', (value) => {
    const load = () => loadEnv(configEnvSchema, { DELIVERY_LOG_RETENTION_DAYS: value });
    expect(load).toThrow(EnvValidationError);
    expect(load).toThrow(/DELIVERY_LOG_RETENTION_DAYS/);
  });
});
