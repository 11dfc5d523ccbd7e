import { Topics } from '@hookbus/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { type Endpoint, endpointNamed } from './endpoints';
import type { ChaosPlatform } from './platform';
import { Takeover } from './takeover';

export interface FaultContext {
  readonly platform: ChaosPlatform;
  readonly endpoints: ReadonlyMap<string, Endpoint>;
  readonly topicPrefix: string;
}

/** What a fault measures beyond its recovery: a delivery-service crash, how long its partitions waited. */
export interface Injected {
  readonly partitionsWaited?: Promise<number>;
}

/** One fault of the run: `inject` puts it in place and resolves once it has been taken away again. */
export interface Fault {
  readonly name: string;
  inject(context: FaultContext): Promise<Injected | void>;
}

/** Keys of the messages the burst publishes, so the run tells them from anything else quarantined. */
export const MALFORMED_KEY = 'chaos-malformed-';
const RESTART_AFTER_MS = 5_000;
const TAKEOVER_LIMIT_MS = 120_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const kill = (...names: string[]): Fault => ({
  name: `SIGKILL ${names.join(' + ')}, restarted after ${RESTART_AFTER_MS / 1000} s`,
  async inject({ platform }) {
    const groups = platform.deliveryGroups(names);
    const takeover = groups.length > 0 ? await Takeover.start(platform.broker.brokers, groups) : undefined;
    await platform.kill(...names);
    const partitionsWaited = takeover?.waited(TAKEOVER_LIMIT_MS);
    // Seen by the run once the fault has ended; a rejection left unseen meanwhile would end the process.
    partitionsWaited?.catch(() => undefined);
    await sleep(RESTART_AFTER_MS);
    for (const name of names) await platform.spawn(name);
    return { partitionsWaited };
  },
});

const brokerRestart = (downSeconds: number): Fault => ({
  name: `broker stopped, ${downSeconds} s down, started`,
  async inject({ platform }) {
    await platform.broker.stop();
    await sleep(downSeconds * 1000);
    await platform.broker.start();
  },
});

const brokerKill: Fault = {
  name: `broker SIGKILLed, started after ${RESTART_AFTER_MS / 1000} s`,
  async inject({ platform }) {
    await platform.broker.kill();
    await sleep(RESTART_AFTER_MS);
    await platform.broker.start();
  },
};

const databaseOutage = (seconds: number): Fault => ({
  name: `PostgreSQL unreachable for config-service and retry-scheduler, ${seconds} s`,
  async inject({ platform }) {
    platform.databaseProxy.cutOff();
    await sleep(seconds * 1000);
    platform.databaseProxy.restore();
  },
});

const receiverOutage = (seconds: number): Fault => ({
  name: `receiver down (Komet order confirmations refused), ${seconds} s`,
  async inject({ endpoints }) {
    const endpoint = endpointNamed(endpoints, 'fast');
    await endpoint.stop();
    await sleep(seconds * 1000);
    await endpoint.start();
  },
});

const smtpOutage = (seconds: number): Fault => ({
  name: `SMTP server down, ${seconds} s`,
  async inject({ platform }) {
    await platform.stopSmtp();
    await sleep(seconds * 1000);
    await platform.startSmtp();
  },
});

/** Topics a service consumes, each given garbage; the events topic also one message near the broker's limit. */
const CONSUMED_TOPICS = [Topics.events, Topics.subscriptions, Topics.apiKeys, Topics.deadLetters, Topics.retries, Topics.deliveryLog, Topics.notifications];
const GARBAGE = ['not json', '{"specversion":"1.0"}', '[]', '{"id":42,"type":null}', '\u0000\u00ff binary'];
const OVERSIZED_BYTES = 900_000;

const malformedBurst: Fault = {
  name: `burst of malformed messages (${GARBAGE.length} on each of ${CONSUMED_TOPICS.length} topics) and one of ${OVERSIZED_BYTES / 1000} kB, straight to the topics`,
  async inject({ platform, topicPrefix }) {
    const producer = new Kafka({ clientId: 'hookbus-chaos', brokers: [platform.broker.brokers], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    try {
      let n = 0;
      await producer.sendBatch({
        acks: -1,
        topicMessages: CONSUMED_TOPICS.map((topic) => ({
          topic: `${topicPrefix}${topic.name}`,
          messages: GARBAGE.map((value) => ({ key: `${MALFORMED_KEY}${n++}`, value })),
        })),
      });
      await producer.send({ topic: `${topicPrefix}${Topics.events.name}`, acks: -1, messages: [{ key: `${MALFORMED_KEY}${n++}`, value: `{"pad":"${'x'.repeat(OVERSIZED_BYTES)}"}` }] });
    } finally {
      await producer.disconnect();
    }
  },
};

/** Messages the burst publishes (the run checks each was quarantined, none dropped). */
export const MALFORMED_MESSAGES = CONSUMED_TOPICS.length * GARBAGE.length + 1;

/** One after another; the quick run keeps one fault of each kind, shorter. */
export function faultsOf(quick: boolean): Fault[] {
  if (quick) {
    return [kill('delivery-a'), kill('retry-scheduler', 'notifier-service'), brokerRestart(10), databaseOutage(20), receiverOutage(30), smtpOutage(20), malformedBurst];
  }
  return [
    kill('config-service'), kill('ingest-service'), kill('delivery-a'), kill('delivery-komet'), kill('retry-scheduler'), kill('notifier-service'),
    kill('delivery-b', 'retry-scheduler'), brokerRestart(20), brokerKill, databaseOutage(90), receiverOutage(180), smtpOutage(120), malformedBurst,
  ];
}
