import { type DeadLetterRecordV1, deadLetterRecordV1 } from '@hookbus/contracts';
import { type ConsumedMessage, decodeMessage } from '@hookbus/kafka';

/** Decodes a `hookbus.deliveries.dlq.v1` record; anything else can never succeed, so it is malformed. */
export const decodeDeadLetter = (message: ConsumedMessage): DeadLetterRecordV1 => decodeMessage(message, deadLetterRecordV1, 'dead-letter record');
