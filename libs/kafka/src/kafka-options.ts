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
   * How long a publish waits for others to share its produce request (default 0: it goes at once,
   * or with the next request if one is under way). Each request costs a few hundred µs of CPU here
   * and in the broker; where nobody waits on a publish's latency, a few ms gather several into one.
   */
  readonly publishLingerMs?: number;
  /**
   * A gathering group of this many publications goes without lingering further (default 8). Where
   * every publisher waits on its publish, no more can come once all of them wait: the number of
   * those publishers is the right value.
   */
  readonly publishLingerBelow?: number;
  /**
   * How long the broker waits for a silent member of a service's consumer group before handing its
   * partitions to the others: a crashed instance's partitions wait this long (kafkajs's default
   * when unset). A live member heartbeats every `heartbeatIntervalMs`, at most a third of it.
   */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
}
