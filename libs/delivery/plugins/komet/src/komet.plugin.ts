import {
  DEFAULT_DELIVERY_TIMEOUT_MS,
  defaultClassify,
  JSON_CONTENT_TYPE,
  jsonRequest,
  type Classification,
  type DeliverablePlugin,
  type DeliveryOutcome,
  type ClassifyContext,
} from '@hookbus/delivery-sdk';
import { z } from 'zod';
import { kometBody } from './komet-body';
import { parseKometReply } from './komet-reply';

export const kometSettingsSchema = z.strictObject({});

/** Komet Sales: order confirmation/cancellation and payment cancellation, POSTed as JSON. */
export const kometPlugin: DeliverablePlugin<typeof kometSettingsSchema> = {
  vendor: 'komet',
  title: 'Komet Sales',
  hooks: [
    { name: 'order-confirmation', eventTypes: ['order.confirmed'], subjectLabel: 'Order' },
    { name: 'order-cancellation', eventTypes: ['order.cancelled'], subjectLabel: 'Order' },
    { name: 'payment-cancellation', eventTypes: ['payment.cancelled'], subjectLabel: 'Payment' },
  ],
  methods: ['POST'],
  defaultMethod: 'POST',
  // `token` is Komet's `authenticationToken` header (at most 50 characters, enforced by the SDK).
  authTypes: ['none', 'token', 'basic', 'bearer'],
  settingsSchema: kometSettingsSchema,
  // Transport failures only (a status-0 answer is final): five retries over about 1 h 45 min ride
  // out a receiver restart or deploy, yet a real outage reaches the error e-mail the same morning,
  // since salespeople then reconfirm the orders by hand.
  retry: { delaysSeconds: [30, 120, 600, 1800, 3600] },
  timeoutMs: DEFAULT_DELIVERY_TIMEOUT_MS,
  // Accept: the reply's status and message are read as JSON.
  render: (event, subscription) => jsonRequest(subscription, kometBody(event), { headers: { Accept: JSON_CONTENT_TYPE } }),
  classify: classifyKomet,
};

type Final = Extract<Classification, { result: 'delivered' | 'failed' }>;

const withMessage = (verdict: Final, message: string | undefined): Final =>
  message === undefined ? verdict : { ...verdict, vendorMessage: message };

/**
 * A 2xx reply is read for its status: 1 (or "1", true) delivered; 0 (or "0", false) the external
 * system refused the event: failed, not retried. A 2xx without a readable status counts as
 * delivered, as with any webhook receiver. Anything else is the default: 408, 429, 5xx and
 * transport failures retried; 410 gone; other codes failed. The reply's message is kept for the
 * delivery whether it was delivered or failed (Komet shows it either way), and e-mailed on failure.
 */
export function classifyKomet(outcome: DeliveryOutcome, context?: Pick<ClassifyContext, 'now'>): Classification {
  if (outcome.kind === 'error') return defaultClassify(outcome, context);
  const reply = parseKometReply(outcome.body);
  if (outcome.status >= 200 && outcome.status <= 299) {
    if (reply.status !== 'rejected') return withMessage({ result: 'delivered' }, reply.message);
    return withMessage({ result: 'failed', reason: 'rejected by the external system (status 0)' }, reply.message);
  }
  const verdict = defaultClassify(outcome, context);
  return verdict.result === 'failed' ? withMessage(verdict, reply.message) : verdict;
}
