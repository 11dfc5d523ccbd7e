import { z } from 'zod';
import { databaseEnv } from '@hookbus/persistence';
import { BACKGROUND_NICE, commonEnv, consumerRetryEnv, intVar, operatorTokenEnv } from '@hookbus/platform';

const MINUTE_MS = 60_000;

export const retrySchedulerEnvSchema = z.object({
  ...commonEnv(3004, BACKGROUND_NICE),
  ...databaseEnv('.data/retry-scheduler.sqlite'),
  ...consumerRetryEnv(10, 500),
  KAFKA_GROUP_ID: z.string().min(1).default('hookbus-retry-scheduler'),
  ...operatorTokenEnv(),
  /** How often the release loop looks for due records. */
  RETRY_POLL_MS: intVar(10, MINUTE_MS, 250),
  /** Rows claimed (and published in one produce call) at most per batch. */
  RETRY_RELEASE_BATCH: intVar(1, 5_000, 500),
  /**
   * How long a claim protects its rows. Another instance takes over a claim only after it expired,
   * so a publish must finish well within it (kafkajs gives up on a request after 30 s).
   */
  RETRY_CLAIM_LEASE_MS: intVar(1_000, 60 * MINUTE_MS, MINUTE_MS),
  /** Taken off the first claim time before scanning the retry topic: covers clock skew between instances. */
  RETRY_SCAN_MARGIN_MS: intVar(0, 60 * MINUTE_MS, MINUTE_MS),
  /**
   * Released rows are kept this long as tombstones, so a redelivered dead letter is recognised.
   * Default 15: longer than the dead-letter topic's 14-day retention. A paced subscription's
   * schedule row idle this long (no dead letter, nothing held) goes too.
   */
  RETRY_TOMBSTONE_DAYS: intVar(1, 365, 15),
});

export type RetrySchedulerEnv = z.output<typeof retrySchedulerEnvSchema>;
