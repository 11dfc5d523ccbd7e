import { createHash } from 'node:crypto';
import { type Reply, type ReceivedRequest, WebhookReceiver } from '../../test/support/webhook-receiver';

const KOMET_OK = '{"status":"1","message":"ok"}';
const KOMET_REFUSED = '{"status":"0","message":"order is locked"}';

/** A receiver's answer to one request, chosen from the request alone and what it has seen before. */
export type Behaviour = (request: ReceivedRequest, attemptsSeen: number) => Reply;

/** A stable fraction of deliveries: the same delivery always falls on the same side. */
const oneIn = (n: number, deliveryId: string) => createHash('sha256').update(deliveryId).digest().readUInt32BE(0) % n === 0;

/** How the chaos run's receivers answer: fast, slow, refusing some orders, failing once, hanging. */
export const BEHAVIOURS = {
  fast: () => ({ status: 200, body: KOMET_OK }),
  slow: () => ({ status: 200, body: '{}', delayMs: 300 }),
  /** Komet's "status 0": the external system refused the order, a final failure e-mailed once. */
  refusingSome: (request) => ({ status: 200, body: oneIn(5, deliveryIdOf(request)) ? KOMET_REFUSED : KOMET_OK }),
  refusingAll: () => ({ status: 200, body: KOMET_REFUSED }),
  /** Each delivery's first attempt fails with 503; its retry, released by the retry-scheduler, succeeds. */
  failingOnce: (_request, attemptsSeen) => (attemptsSeen === 0 ? { status: 503, body: 'busy' } : { status: 200, body: '{}' }),
  hanging: () => 'hold',
} satisfies Record<string, Behaviour>;

export type BehaviourName = keyof typeof BEHAVIOURS;

/** What a receiver saw of one delivery: when each request came, and when those it took (2xx, and Komet's status 1) did. */
export interface Receipt {
  readonly requests: number[];
  readonly accepted: number[];
}

/** The endpoint called `name`; a typo in the run's plan fails at once. */
export function endpointNamed(endpoints: ReadonlyMap<string, Endpoint>, name: string): Endpoint {
  const endpoint = endpoints.get(name);
  if (!endpoint) throw new Error(`no endpoint ${name}`);
  return endpoint;
}

export const deliveryIdOf = (request: ReceivedRequest): string => String(request.headers['webhook-id'] ?? '');

const isAcceptance = (reply: Reply) => typeof reply === 'object' && reply.status < 300 && reply.body !== KOMET_REFUSED;

/**
 * One customer endpoint (an origin of its own) that can go down and come back on the same port.
 * Receipts are kept per `webhook-id` across its outages.
 */
export class Endpoint {
  readonly receipts = new Map<string, Receipt>();
  private receiver?: WebhookReceiver;
  private port = 0;

  constructor(
    readonly name: string,
    private readonly behaviour: Behaviour,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get up(): boolean {
    return this.receiver !== undefined;
  }

  async start(): Promise<void> {
    const receiver = await WebhookReceiver.start(this.port);
    this.port = Number(new URL(receiver.url).port);
    receiver.answer((request) => this.answer(request));
    receiver.onSent((request, reply) => this.sent(request, reply));
    this.receiver = receiver;
  }

  /** Closes the port: connections are refused until start(). */
  async stop(): Promise<void> {
    const receiver = this.receiver;
    this.receiver = undefined;
    await receiver?.stop();
  }

  private answer(request: ReceivedRequest): Reply {
    const receipt = this.receiptOf(request);
    const reply = this.behaviour(request, receipt.requests.length);
    receipt.requests.push(request.receivedAt);
    return reply;
  }

  /** An acceptance counts once it is on its way back (a reply cut off by an outage is not one). */
  private sent(request: ReceivedRequest, reply: Reply): void {
    if (!isAcceptance(reply)) return;
    this.receiptOf(request).accepted.push(request.receivedAt);
  }

  private receiptOf(request: ReceivedRequest): Receipt {
    const id = deliveryIdOf(request);
    const receipt = this.receipts.get(id) ?? { requests: [], accepted: [] };
    this.receipts.set(id, receipt);
    return receipt;
  }
}
