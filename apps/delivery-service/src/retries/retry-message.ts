import { type RetryRecordV1, retryRecordV1 } from '@hookbus/contracts';
import { type ConsumedMessage, decodeMessage } from '@hookbus/kafka';

/** Decodes a `hookbus.deliveries.retry.v1` record; anything else can never succeed, so it is malformed. */
export const decodeRetryMessage = (message: ConsumedMessage): RetryRecordV1 => decodeMessage(message, retryRecordV1, 'retry record');
