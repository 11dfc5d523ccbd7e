import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { KafkaOptions } from './kafka-options';

const kafkajsLevels: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/** The kafkajs client KafkaBus is built on, logging through Nest's Logger so its warnings land with ours. */
export function kafkajsClient({ clientId, brokers }: KafkaOptions): Kafka {
  const kafkajsLogger = new Logger('kafkajs');
  return new Kafka({
    clientId,
    brokers: [...brokers],
    logLevel: logLevel.WARN,
    logCreator: () => ({ level, log }: LogEntry) => {
      const { message, ...extra } = log;
      kafkajsLogger[kafkajsLevels[level] ?? 'log']({ message, ...extra });
    },
  });
}
