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
  /**
   * How long a publish waits for others to share its produce request (Kafka's `linger.ms`, whose
   * default is 5 ms since Kafka 4.0). Default 0: sent at once.
   */
  readonly lingerMs?: number;
}
