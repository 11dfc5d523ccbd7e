import { Inject, Injectable } from '@nestjs/common';
import { CLOUDEVENTS_CONTENT_TYPE, eventKey, Topics } from '@hookbus/contracts';
import { KafkaBus } from '@hookbus/kafka';
import type { AcceptedEvent } from './accepted-events';

/** Publishes accepted events to `hookbus.events.v1`, keyed so one subject of one tenant stays in order. */
@Injectable()
export class EventPublisher {
  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus) {}

  /** Resolves once every event is stored on all in-sync replicas. */
  async publish(events: readonly AcceptedEvent[]): Promise<void> {
    await this.bus.publish(
      Topics.events.name,
      events.map(({ event, json }) => ({
        key: eventKey(event.tenantid, event.subject),
        value: json,
        headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE, ce_id: event.id, ce_type: event.type },
      })),
    );
  }
}
