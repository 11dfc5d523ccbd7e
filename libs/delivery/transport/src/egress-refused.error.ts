import type { AddressClass } from '@hookbus/egress';

/** The destination resolved only to addresses the egress policy forbids; nothing was sent. */
export class EgressRefusedError extends Error {
  readonly code = 'HOOKBUS_EGRESS_REFUSED';

  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly addressClass: AddressClass,
  ) {
    super(`refused to connect to ${address} (${addressClass}) for ${hostname}: not allow-listed in HOOKBUS_EGRESS_ALLOW`);
    this.name = 'EgressRefusedError';
  }
}
