import {
  DEFAULT_DELIVERY_TIMEOUT_MS,
  defaultClassify,
  eventDataOf,
  JSON_CONTENT_TYPE,
  jsonRequest,
  type Classification,
  type ClassifyContext,
  type DeliverablePlugin,
  type DeliveryOutcome,
} from '@hookbus/delivery-sdk';
import { issue } from '@hookbus/contracts';
import { z } from 'zod';

export const komerceSettingsSchema = z.strictObject({
  /** Consecutive exhausted deliveries after which the subscription is deactivated (410 Gone: at once). */
  deactivateAfterFailures: z.int().min(1).max(100).default(5),
});

/** Komerce delivery orders: shipment status changes as `{order_no, cnote, status}`. */
export const komercePlugin: DeliverablePlugin<typeof komerceSettingsSchema> = {
  vendor: 'komerce',
  title: 'Komerce',
  hooks: [{ name: 'order-status', eventTypes: ['shipment.status_changed'], subjectLabel: 'Order' }],
  methods: ['POST', 'PUT'],
  defaultMethod: 'POST',
  // `token` is Komet's header, meaningless to a Komerce receiver.
  authTypes: ['none', 'basic', 'bearer'],
  settingsSchema: komerceSettingsSchema,
  retry: { delaysSeconds: [60, 300, 900] },
  check: (subscription, context) => {
    const url = new URL(subscription.url);
    return url.protocol === 'https:' || context.egressAllow.allowsUrl(url)
      ? []
      : [issue('url', 'https_required', 'must use https unless its host is allow-listed in HOOKBUS_EGRESS_ALLOW')];
  },
  timeoutMs: DEFAULT_DELIVERY_TIMEOUT_MS,
  render: (event, subscription) => {
    const { orderNo, awb, status } = eventDataOf(event, 'shipment.status_changed');
    // Komerce's own requests send `accept: application/json` too.
    return jsonRequest(subscription, JSON.stringify({ order_no: orderNo, cnote: awb, status }), { headers: { Accept: JSON_CONTENT_TYPE } });
  },
  classify: classifyKomerce,
};

/**
 * Only 200 counts as received, and failures are retried: any other answer (another 2xx, a 3xx, a
 * 4xx, a 5xx) or a transport error is retried, honouring `Retry-After`; 410 Gone fails at once and
 * deactivates the subscription; a destination refused by the egress policy fails at once.
 */
export function classifyKomerce(outcome: DeliveryOutcome, context?: Pick<ClassifyContext, 'now'>): Classification {
  if (outcome.kind === 'response' && outcome.status === 200) return { result: 'delivered' };
  const verdict = defaultClassify(outcome, context);
  if (outcome.kind === 'error' || outcome.status === 410) return verdict;
  if (verdict.result === 'retry') return verdict;
  return { result: 'retry', reason: `HTTP ${outcome.status}: Komerce counts only 200 as received` };
}
