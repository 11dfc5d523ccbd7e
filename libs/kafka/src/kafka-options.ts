/** How a service reaches the cluster. */
export interface KafkaOptions {
  readonly brokers: readonly string[];
  /** Names this process in broker logs and client quotas. */
  readonly clientId: string;
  /**
   * Prepended to every topic name, so several environments (or test runs) can share one cluster
   * without seeing each other's messages. Empty in production by default.
   */
  readonly topicPrefix?: string;
}
