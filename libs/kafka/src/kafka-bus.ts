import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { ALL_TOPICS, Topics, type TopicSpec } from '@hookbus/contracts';
import { AtLeastOnceConsumer, type ConsumerOptions } from './at-least-once-consumer';
import { CompactedTopicReader, type TableReaderOptions, throwawayGroupId } from './compacted-topic-reader';
import type { ConsumedMessage, OutgoingMessage } from './consumed-message';
import type { GroupLag, TopicMessageCount } from './consumer-lag';
import { groupConsumer, type GroupJoinListener } from './group-consumer';
import { KafkaBusAdmin } from './kafka-bus-admin';
import type { KafkaOptions } from './kafka-options';
import { kafkajsClient } from './kafkajs-client';
import { type OffsetRange, readOffsetRanges } from './offset-range-reader';
import { KeyHashPartitioner } from './key-hash-partitioner';
import { PublishBatcher } from './publish-batcher';
import { sharedAnswers } from './retry-policy';

// Messages failing together through one outage share one ping of each dependency.
const PROBE_REUSE_MS = 500;

export type QuarantineListener = (topic: string, groupId: string) => void;

/**
 * The hookbus message bus. Everything that touches Kafka goes through here, so the client library
 * (kafkajs today) stays an implementation detail of this lib.
 */
export class KafkaBus {
  private readonly logger = new Logger(KafkaBus.name);
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly adminClient: Admin;
  // Questions about topics, offsets and groups, kept apart from the message path.
  private readonly admin: KafkaBusAdmin;
  private readonly consumers = new Set<AtLeastOnceConsumer | CompactedTopicReader>();
  private readonly prefix: string;
  private connected?: Promise<void>;
  // Concurrent publishes share produce requests (see PublishBatcher).
  private readonly batcher: PublishBatcher;
  private readonly groupJoins = new EventEmitter();
  private readonly quarantines = new EventEmitter();

  constructor(private readonly options: KafkaOptions & { replicationFactor?: number }) {
    this.prefix = options.topicPrefix ?? '';
    this.kafka = kafkajsClient(options);
    // acks=all on every send: a publish resolves only once every in-sync replica has the message.
    this.producer = this.kafka.producer({ createPartitioner: KeyHashPartitioner, allowAutoTopicCreation: false });
    this.adminClient = this.kafka.admin();
    this.admin = new KafkaBusAdmin(this.adminClient, this.topicName);
    this.batcher = new PublishBatcher(async (batch) => {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: batch.map(({ topic, messages }) => ({
          topic: this.topicName(topic),
          messages: messages.map(({ key, value, headers, partition }) => ({ key, value, partition, headers: headers ? { ...headers } : undefined })),
        })),
      });
    }, options.publishLingerMs, options.publishLingerBelow);
  }

  /** The physical name of a contract topic or consumer group (with this deployment's prefix). */
  topicName = (name: string): string => `${this.prefix}${name}`;

  /** The contract name of a physical topic. */
  contractName = (topic: string): string => (topic.startsWith(this.prefix) ? topic.slice(this.prefix.length) : topic);

  connect(): Promise<void> {
    // A failed connect is forgotten so the next call tries again (e.g. Kafka started after us).
    this.connected ??= Promise.all([this.producer.connect(), this.adminClient.connect()]).then(
      () => undefined,
      (error: unknown) => {
        this.connected = undefined;
        throw error;
      },
    );
    return this.connected;
  }

  /** Creates the contract topics that do not exist yet; returns the names it created. */
  async ensureTopics(specs: readonly TopicSpec[] = ALL_TOPICS): Promise<string[]> {
    await this.connect();
    const created = await this.admin.ensureTopics(specs, this.options.replicationFactor ?? 1);
    if (created.length > 0) this.logger.log({ message: 'created topics', topics: created });
    return created;
  }

  /** Publishes and resolves once the messages are durably stored (acks=all). */
  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    await this.connect();
    await this.batcher.publish(topic, messages);
  }

  /** Starts an at-least-once consumer; see AtLeastOnceConsumer for the guarantees. */
  async consume(options: ConsumerOptions): Promise<AtLeastOnceConsumer> {
    await this.connect();
    // A failing handler asks the broker and the app's own dependencies whether they answer.
    const probes = [{ name: 'kafka', check: () => this.ping() }, ...(options.probes ?? [])].map((probe) => sharedAnswers(probe, PROBE_REUSE_MS));
    const consumer = new AtLeastOnceConsumer({ ...options, probes }, {
      // Groups are namespaced like topics: two environments on one cluster never share a group.
      consumer: groupConsumer(this.kafka, this.options, options, this.topicName(options.groupId), (group) => this.groupJoins.emit('join', group)),
      topicName: this.topicName,
      contractName: this.contractName,
      quarantine: (message) => this.publish(Topics.quarantine.name, [message]),
      onQuarantined: ({ topic, partition, offset }, reason) => {
        this.logger.warn({ message: 'message quarantined', topic, partition, offset, groupId: options.groupId, reason });
        this.quarantines.emit('quarantined', topic, options.groupId);
      },
      onCommitFailed: (error) =>
        this.logger.warn({ message: 'offset commit failed; the partition resumes from the last commit', reason: String(error) }),
      onCrash: (error) => this.logger.error({ message: 'consumer crashed; it starts again', groupId: options.groupId, reason: String(error) }),
    });
    await consumer.start();
    this.consumers.add(consumer);
    return consumer;
  }

  /** Calls `listener` with the group id (as given to `consume`) each time one of its consumers joins its group. */
  onGroupJoin(listener: GroupJoinListener): void {
    this.groupJoins.on('join', listener);
  }

  /** Calls `listener` with the source topic and group id (contract names) of each message a consumer of this process quarantined. */
  onQuarantine(listener: QuarantineListener): void {
    this.quarantines.on('quarantined', listener);
  }

  /** The outages this process's consumers are waiting out (empty when every one makes progress). */
  consumerOutages(): string[] {
    return [...this.consumers].flatMap((consumer) => (consumer instanceof AtLeastOnceConsumer && consumer.outage ? [consumer.outage] : []));
  }

  /** Starts reading a compacted topic into an in-memory table; see CompactedTopicReader. */
  async readTable(topic: string, options: TableReaderOptions = {}): Promise<CompactedTopicReader> {
    await this.connect();
    const reader = new CompactedTopicReader(topic, options, {
      consumer: this.kafka.consumer({
        groupId: throwawayGroupId(this.options.clientId, topic),
        maxWaitTimeInMs: 500,
        allowAutoTopicCreation: false,
      }),
      admin: this.adminClient,
      topicName: this.topicName,
      contractName: this.contractName,
    });
    try {
      await reader.start();
    } catch (error) {
      await reader.stop().catch(() => undefined);
      throw error;
    }
    this.consumers.add(reader);
    return reader;
  }

  /** The next offset a group will read on each partition of a topic (-1 when it has committed none). */
  async committedOffsets(groupId: string, topic: string): Promise<Map<number, bigint>> {
    await this.connect();
    return this.admin.committedOffsets(groupId, topic);
  }

  /** The end offset (next offset to be written) of each partition of a topic. */
  async endOffsets(topic: string): Promise<Map<number, bigint>> {
    await this.connect();
    return this.admin.endOffsets(topic);
  }

  /** See KafkaBusAdmin.offsetWindow. */
  async offsetWindow(topic: string, since?: Date, until?: Date): Promise<OffsetRange[]> {
    await this.connect();
    return this.admin.offsetWindow(topic, since, until);
  }

  /** Reads offset ranges of a topic once, outside any service's group; see readOffsetRanges. */
  readRanges(topic: string, ranges: readonly OffsetRange[], visit: (message: ConsumedMessage) => boolean, timeoutMs = 30_000): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: throwawayGroupId(this.options.clientId, topic), maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
    return readOffsetRanges(consumer, { topic: this.topicName(topic), contractTopic: topic, ranges, timeoutMs }, visit);
  }

  /**
   * The lag of every consumer group whose id starts with `groupIdPrefix` (with this deployment's
   * prefix, as `consume` names groups), per topic it has committed offsets on; names as the broker
   * has them. Topics that no longer exist are left out.
   */
  async consumerLag(groupIdPrefix: string): Promise<GroupLag[]> {
    await this.connect();
    return this.admin.consumerLag(groupIdPrefix);
  }

  /** How many messages retention still holds on each topic (contract names); a topic not created yet holds 0. */
  async topicMessageCounts(topics: readonly string[]): Promise<TopicMessageCount[]> {
    await this.connect();
    return this.admin.topicMessageCounts(topics);
  }

  /** Resolves when the cluster answers a metadata request; used by readiness probes. */
  async ping(timeoutMs = 2000): Promise<void> {
    await this.connect();
    await this.admin.ping(timeoutMs);
  }

  /** Stops consumers first (they may still publish), then the producer and admin client. */
  async disconnect(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    this.consumers.clear();
    if (this.connected) await Promise.all([this.producer.disconnect(), this.adminClient.disconnect()]);
    this.connected = undefined;
  }
}
