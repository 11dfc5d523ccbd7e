import type { SendRequest, SendResult } from '@hookbus/delivery-transport';
import type { DeliverySender } from '../delivery-sender';
import { answer } from './rule-fixtures';

/** Stands in for the HTTP sender: answers from a script, in order (then 200), and keeps what it was asked to send. */
export class ScriptedSender {
  readonly requests: SendRequest[] = [];
  private readonly script: SendResult[] = [];

  /** The answers to the next requests, in order. */
  answer(...results: SendResult[]): this {
    this.script.push(...results);
    return this;
  }

  async send(request: SendRequest): Promise<SendResult> {
    this.requests.push(request);
    return this.script.shift() ?? answer(200);
  }

  asDeliverySender(): DeliverySender {
    return this as unknown as DeliverySender;
  }
}
