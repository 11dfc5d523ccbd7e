import type { Producer } from 'kafkajs';
import { CLOUDEVENTS_CONTENT_TYPE, eventKey, Topics } from '@hookbus/contracts';
import { KeyHashPartitioner } from '@hookbus/kafka/partitioner';
import type { EventTransport, OutgoingEvent } from './event-transport';
import { requestChunks } from './request-chunks';

/** Keeps a produce request well under the broker's default 1 MB batch limit, as ingest-service does. */
const MAX_SEND_BYTES = 512 * 1024;

interface KafkaTarget {
  /** The tenant the events belong to: no API key names it on this path. */
  readonly tenantId: string;
  /** The cluster's KAFKA_TOPIC_PREFIX, if the platform runs with one. */
  readonly topicPrefix?: string;
}

export type KafkaTransportOptions = KafkaTarget &
  (
    | {
        /**
         * A producer of the caller's, connected and closed by the caller. For a subject's events to
         * keep their order beside those ingest-service publishes, it must use kafkajs's default
         * partitioner (the one this transport uses hashes keys the same way): both place a key
         * where Kafka's Java client does.
         */
        readonly producer: Producer;
      }
    | { readonly brokers: readonly string[]; readonly clientId?: string }
  );

/**
 * Publishes straight to `hookbus.events.v1` as ingest-service does: structured CloudEvents keyed
 * `tenantId:subject`, the same headers, acks from every in-sync replica. No API key is checked on
 * this path; the cluster's ACLs decide who may write.
 */
export class KafkaTransport implements EventTransport {
  readonly tenantId: string;
  private readonly topic: string;
  // Only a producer the transport made itself is closed by it.
  private readonly owned: boolean;
  private readonly open: () => Promise<Producer>;
  private producer?: Promise<Producer>;

  constructor(options: KafkaTransportOptions) {
    this.tenantId = options.tenantId;
    this.topic = `${options.topicPrefix ?? ''}${Topics.events.name}`;
    this.owned = !('producer' in options);
    this.open = 'producer' in options ? async () => options.producer : () => connectProducer(options.brokers, options.clientId);
  }

  batches(events: readonly OutgoingEvent[]): OutgoingEvent[][] {
    return requestChunks(events, Infinity, MAX_SEND_BYTES);
  }

  async send(batch: readonly OutgoingEvent[]): Promise<void> {
    this.producer ??= this.open().catch((error: unknown) => {
      // Forgotten, so the next send tries again (e.g. the broker came up since).
      this.producer = undefined;
      throw error;
    });
    await (await this.producer).send({
      topic: this.topic,
      acks: -1,
      messages: batch.map(({ event, json }) => ({
        key: eventKey(this.tenantId, event.subject),
        value: json,
        headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE, ce_id: event.id, ce_type: event.type, ...traceHeadersOf(event) },
      })),
    });
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (this.owned && producer) await (await producer).disconnect();
  }
}

async function connectProducer(brokers: readonly string[], clientId = 'hookbus-client'): Promise<Producer> {
  // kafkajs is an optional peer: producers that publish over HTTP need not install it.
  const { Kafka } = await import('kafkajs');
  const producer = new Kafka({ clientId, brokers: [...brokers] }).producer({ createPartitioner: KeyHashPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  return producer;
}

/** The producer's trace context as W3C trace-context headers, as ingest-service writes its own span's. */
function traceHeadersOf({ traceparent, tracestate }: OutgoingEvent['event']): Record<string, string> {
  return { ...(traceparent === undefined ? {} : { traceparent }), ...(tracestate === undefined ? {} : { tracestate }) };
}
