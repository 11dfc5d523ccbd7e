import type { SendResult } from '../send-result';

/** To the retry path until `until` (epoch ms), for `reason`: nothing was sent, no retry is used up. */
export interface PutOff {
  readonly go: false;
  readonly until: number;
  readonly reason: string;
}

/**
 * A slot to send one request. `done` hands it back with how the request went (call it once) and
 * says whether the delivery must be put off after all: its answer paused the endpoint.
 */
export interface Permit {
  done(result: SendResult): PutOff | undefined;
}

/** What EndpointGate answers a delivery: go with a slot, or be put off. */
export type Admission = { readonly go: true; readonly permit: Permit } | PutOff;
