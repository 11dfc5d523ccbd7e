import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { GroupLag, TopicMessageCount } from '@hookbus/kafka';
import { KafkaOverview } from './kafka-overview';
import { listeningUrl } from './listening-url';
import { probeService, type ServiceState } from './service-probe';
import type { ServiceUrl } from './service-urls';
import { SERVICE_URLS } from './system-tokens';

export const SELF = 'config-service';
/** Kafka's admin client retries for half a minute when the cluster is away; the page answers before that. */
export const KAFKA_TIMEOUT_MS = 5_000;

export interface SystemView {
  readonly services: ServiceState[];
  readonly consumerGroups: GroupLag[];
  readonly quarantine: TopicMessageCount[];
  /** Why the Kafka part is empty: the cluster did not answer. */
  readonly kafkaError?: string;
}

/** `GET /v1/system`: every service's readiness and the Kafka overview, all asked at once. */
@Injectable()
export class SystemStatus {
  constructor(
    @Inject(SERVICE_URLS) private readonly services: readonly ServiceUrl[],
    @Inject(KafkaOverview) private readonly kafka: KafkaOverview,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
  ) {}

  async read(): Promise<SystemView> {
    const [services, kafka] = await Promise.all([Promise.all(this.targets().map((service) => probeService(service))), this.kafkaView()]);
    return { services, ...kafka };
  }

  /** config-service itself (on its own listening address unless HOOKBUS_SERVICE_URLS names it), then the others. */
  private targets(): ServiceUrl[] {
    if (this.services.some(({ name }) => name === SELF)) return [...this.services];
    const url = listeningUrl(this.adapterHost.httpAdapter.getHttpServer().address()) ?? 'http://127.0.0.1';
    return [{ name: SELF, url }, ...this.services];
  }

  private async kafkaView(): Promise<Omit<SystemView, 'services'>> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Kafka did not answer within ${KAFKA_TIMEOUT_MS} ms`)), KAFKA_TIMEOUT_MS);
    });
    try {
      const [consumerGroups, quarantine] = await Promise.race([Promise.all([this.kafka.consumerGroups(), this.kafka.quarantine()]), timeout]);
      return { consumerGroups, quarantine };
    } catch (error) {
      return { consumerGroups: [], quarantine: [], kafkaError: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
