import { Inject, Injectable } from '@nestjs/common';
import { KafkaBus } from './kafka-bus';

/**
 * Readiness check: not ready while a consumer holds a message through an outage. The broker may
 * answer a ping while produce requests fail (a leader election), so the ping alone would say ready.
 */
@Injectable()
export class ConsumerReadiness {
  readonly name = 'consumers';

  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus) {}

  async check(): Promise<void> {
    const outages = this.bus.consumerOutages();
    if (outages.length > 0) throw new Error(`waiting out an outage: ${outages[0]}`);
  }
}
