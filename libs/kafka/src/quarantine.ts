import type { ConsumedMessage, OutgoingMessage } from './consumed-message';

/** Headers added to a quarantined message; its key, value and original headers are kept as they were. */
export const QuarantineHeaders = {
  reason: 'hookbus-quarantine-reason',
  source: 'hookbus-quarantine-source',
  group: 'hookbus-quarantine-group',
  attempts: 'hookbus-quarantine-attempts',
  at: 'hookbus-quarantine-at',
} as const;

export function quarantineMessage(
  message: ConsumedMessage,
  details: { reason: string; groupId: string; attempts: number; at?: Date },
): OutgoingMessage {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [QuarantineHeaders.reason]: details.reason,
      [QuarantineHeaders.source]: `${message.topic}/${message.partition}/${message.offset}`,
      [QuarantineHeaders.group]: details.groupId,
      [QuarantineHeaders.attempts]: String(details.attempts),
      [QuarantineHeaders.at]: (details.at ?? new Date()).toISOString(),
    },
  };
}
