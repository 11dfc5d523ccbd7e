/** Every topic on the hookbus stream, with the settings the topic bootstrap creates it with. */
export interface TopicSpec {
  /** Versioned name; a breaking change of the value's shape gets a new `.vN`. */
  readonly name: string;
  readonly partitions: number;
  readonly config: Readonly<Record<string, string>>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const retainFor = (days: number) => ({ 'cleanup.policy': 'delete', 'retention.ms': String(days * DAY_MS) });

export const Topics = {
  /** Producers' CloudEvents, keyed `tenantId:subject` so one subject keeps its order. */
  events: { name: 'hookbus.events.v1', partitions: 12, config: retainFor(7) },
  /** Malformed or unprocessable messages from any consumer: original bytes plus reason headers. */
  quarantine: { name: 'hookbus.events.quarantine.v1', partitions: 3, config: retainFor(30) },
  /** Subscription snapshots keyed by id; tombstones delete. Compacted: the topic is the view. */
  subscriptions: {
    name: 'hookbus.subscriptions.v1',
    partitions: 6,
    config: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '0', 'segment.ms': String(DAY_MS) },
  },
  /** API keys' public view keyed by key id; tombstones delete. Compacted: ingest-service's key view. */
  apiKeys: {
    name: 'hookbus.api-keys.v1',
    partitions: 3,
    config: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '0', 'segment.ms': String(DAY_MS) },
  },
  deadLetters: { name: 'hookbus.deliveries.dlq.v1', partitions: 6, config: retainFor(14) },
  retries: { name: 'hookbus.deliveries.retry.v1', partitions: 6, config: retainFor(7) },
  deliveryLog: { name: 'hookbus.deliveries.log.v1', partitions: 6, config: retainFor(7) },
  notifications: { name: 'hookbus.notifications.v1', partitions: 3, config: retainFor(7) },
} as const satisfies Record<string, TopicSpec>;

export type TopicName = (typeof Topics)[keyof typeof Topics]['name'];

export const ALL_TOPICS: readonly TopicSpec[] = Object.values(Topics);

/** Key of an event on `hookbus.events.v1`: events of one subject of one tenant stay in order. */
export const eventKey = (tenantId: string, subject: string): string => `${tenantId}:${subject}`;
