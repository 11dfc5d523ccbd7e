import { EnvValidationError, loadEnv } from '@hookbus/platform';
import { retrySchedulerEnvSchema } from './retry-scheduler-env';

describe('retry-scheduler environment', () => {
  it('has defaults that run locally', () => {
    expect(loadEnv(retrySchedulerEnvSchema, {})).toMatchObject({
      PORT: 3004,
      DATABASE_URL: '.data/retry-scheduler.sqlite',
      KAFKA_GROUP_ID: 'hookbus-retry-scheduler',
      RETRY_POLL_MS: 250,
      RETRY_CLAIM_LEASE_MS: 60_000,
      RETRY_TOMBSTONE_DAYS: 15,
    });
  });

  it('refuses a bad value with the variable named', () => {
    expect(() => loadEnv(retrySchedulerEnvSchema, { RETRY_POLL_MS: 'fast', RETRY_CLAIM_LEASE_MS: '10' })).toThrow(EnvValidationError);
    expect(() => loadEnv(retrySchedulerEnvSchema, { RETRY_POLL_MS: 'fast' })).toThrow(/RETRY_POLL_MS: must be a whole number/);
    expect(() => loadEnv(retrySchedulerEnvSchema, { RETRY_CLAIM_LEASE_MS: '10' })).toThrow(/RETRY_CLAIM_LEASE_MS: must be at least 1000/);
  });
});
