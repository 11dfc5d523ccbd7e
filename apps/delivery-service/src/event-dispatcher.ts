import { Injectable, Logger } from '@nestjs/common';
import type { HookbusEvent } from '@hookbus/contracts';
import { counter } from '@hookbus/platform';

/**
 * Receives every valid event from the stream. Fan-out to subscriptions and the vendor plugins
 * arrive with the delivery engine; until then an event is counted and logged.
 */
@Injectable()
export class EventDispatcher {
  private readonly logger = new Logger(EventDispatcher.name);
  private readonly received = counter({
    name: 'hookbus_events_received_total',
    help: 'Valid events consumed from hookbus.events.v1, by type',
    labelNames: ['type'],
  });

  async dispatch(event: HookbusEvent): Promise<void> {
    this.received.inc({ type: event.type });
    this.logger.debug({ message: 'event received', eventId: event.id, type: event.type, tenantId: event.tenantid });
  }
}
