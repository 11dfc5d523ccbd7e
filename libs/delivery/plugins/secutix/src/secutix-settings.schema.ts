import { ruleIssue } from '@hookbus/contracts';
import { type ScheduleDefaults } from '@hookbus/delivery-sdk';
import { z } from 'zod';
import { findBadPlaceholder, substituteOrderId } from './order-id-placeholder';
import { parseFilter } from './secutix-filter.parser';

/** OPERATIONS ⊂ MOVEMENTS ⊂ TICKETS: the getOrderDetails detail level stored with the filter. */
export const SECUTIX_GRANULARITIES = ['OPERATIONS', 'MOVEMENTS', 'TICKETS'] as const;

/** SecuTix's recommended schedule: every minute, at most 60 orders. */
export const SECUTIX_SCHEDULE: ScheduleDefaults = { frequencyMinutes: 1, batchSize: 60 };

// A realistic order id for trying the payload template.
const SAMPLE_ORDER_ID = 1234567890;

const filterSchema = z
  .string()
  .max(2000)
  .superRefine((text, ctx) => {
    const parsed = parseFilter(text);
    if (!parsed.ok) ctx.addIssue(ruleIssue('filter_syntax', `invalid filter at position ${parsed.position}: ${parsed.message}`));
  });

const payloadTemplateSchema = z
  .string()
  .max(16_384)
  .superRefine((template, ctx) => {
    const bad = findBadPlaceholder(template, { strayBraces: false });
    if (bad) return ctx.addIssue(ruleIssue('invalid_placeholder', bad));
    try {
      JSON.parse(substituteOrderId(template, SAMPLE_ORDER_ID));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      ctx.addIssue(ruleIssue('invalid_json', `must be valid JSON once \${orderId} is replaced: ${reason}`));
    }
  });

export const secutixSettingsSchema = z.strictObject({
  /** `;`-separated conditions over the event's data, e.g. `OrderDetailsData.OrderType=SALE`. */
  filter: filterSchema.optional(),
  granularity: z.enum(SECUTIX_GRANULARITIES).default('OPERATIONS'),
  /** POST only: plain JSON that may contain `${orderId}`. */
  payloadTemplate: payloadTemplateSchema.optional(),
  frequencyMinutes: z.int().min(1).max(1440).default(SECUTIX_SCHEDULE.frequencyMinutes),
  batchSize: z.int().min(1).max(1000).default(SECUTIX_SCHEDULE.batchSize),
});

export type SecutixSettings = z.output<typeof secutixSettingsSchema>;
