import { KafkaBus, KafkaTransport, type KafkaTransportOptions } from '@hookbus/kafka';

/**
 * The Kafka transport, but its consumer joins the group only once `until` resolved (the
 * subscription view caught up), while HTTP already answers liveness. Events are never matched
 * against a half-built view.
 */
export class GatedKafkaTransport extends KafkaTransport {
  private closed = false;

  constructor(
    bus: KafkaBus,
    options: KafkaTransportOptions,
    private readonly until: () => Promise<void>,
  ) {
    super(bus, options);
  }

  override async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.until();
    } catch (error) {
      // Shutting down before the gate opened is not a failed start.
      callback(this.closed ? undefined : error);
      return;
    }
    if (this.closed) return callback();
    await super.listen(callback);
  }

  override async close(): Promise<void> {
    this.closed = true;
    await super.close();
  }
}
