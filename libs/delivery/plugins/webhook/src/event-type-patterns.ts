import { EVENT_TYPES, ruleIssue } from '@hookbus/contracts';
import { z } from 'zod';

/** `order.*`: every event type under `order.`; any other entry names one event type exactly. */
const isPattern = (entry: string): boolean => entry.endsWith('.*');

/** Whether `type` is named by `entry`, exactly or by its `prefix.*` pattern. */
export function eventTypeMatches(entry: string, type: string): boolean {
  return isPattern(entry) ? type.startsWith(entry.slice(0, -1)) : type === entry;
}

/**
 * One entry of `settings.eventTypes`: an event type of the contracts, or a `prefix.*` pattern that
 * names at least one (a pattern matching nothing is a typo, not a subscription to future types).
 */
export const eventTypeEntrySchema = z.string().superRefine((entry, ctx) => {
  if (EVENT_TYPES.some((type) => eventTypeMatches(entry, type))) return;
  const message = isPattern(entry)
    ? `matches no event type; valid types: ${EVENT_TYPES.join(', ')}`
    : `is not an event type or a prefix.* pattern; valid types: ${EVENT_TYPES.join(', ')}`;
  ctx.addIssue(ruleIssue('unknown_event_type', message));
});
