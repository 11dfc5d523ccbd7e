import { Inject, Injectable } from '@nestjs/common';
import { KafkaBus } from './kafka-bus';

/** Readiness check: the service is ready only while the Kafka cluster answers. */
@Injectable()
export class KafkaReadiness {
  readonly name = 'kafka';

  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus) {}

  check(): Promise<void> {
    return this.bus.ping();
  }
}
