/** How the release loop behaves; from the environment (see retry-scheduler-env.ts). */
export interface ReleaseSettings {
  readonly pollMs: number;
  readonly batchLimit: number;
  readonly leaseMs: number;
  readonly scanMarginMs: number;
  /** For the recovery scan of the retry topic, which uses a short-lived client of its own. */
  readonly brokers: readonly string[];
  readonly clientId: string;
}

export const RELEASE_SETTINGS = Symbol('RELEASE_SETTINGS');
