import { Inject, Injectable } from '@nestjs/common';
import { KafkaBus } from '@hookbus/kafka';
import { counter } from './metrics';

/** Counts the messages this process's consumers gave up on and moved to the quarantine topic. */
@Injectable()
export class QuarantineMetrics {
  private readonly quarantined = counter({
    name: 'hookbus_messages_quarantined_total',
    help: 'Messages moved to hookbus.events.quarantine.v1, by the topic they came from and the consumer group that gave up on them',
    labelNames: ['topic', 'group'],
  });

  constructor(@Inject(KafkaBus) bus: KafkaBus) {
    bus.onQuarantine((topic, group) => this.quarantined.inc({ topic, group }));
  }
}
