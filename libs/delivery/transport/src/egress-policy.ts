import { addressClass, type AddressClass, EgressAllowList, parseIp } from '@hookbus/egress';

/** Where a request is going, as its URL names it. */
export interface EgressTarget {
  readonly hostname: string;
  readonly port: number;
}

export type EgressDecision = { readonly allowed: true } | { readonly allowed: false; readonly addressClass: AddressClass };

/**
 * Decides whether the sender may open a socket to a resolved address: a public one always, any
 * other (loopback, private, link-local, metadata, …) only when `HOOKBUS_EGRESS_ALLOW` opens it.
 */
export class EgressPolicy {
  constructor(private readonly allowList: EgressAllowList = EgressAllowList.NONE) {}

  check({ hostname, port }: EgressTarget, resolvedAddress: string): EgressDecision {
    const address = parseIp(resolvedAddress);
    if (!address) return { allowed: false, addressClass: 'reserved' };
    const kind = addressClass(address);
    if (kind === 'public' || this.allowList.allowsConnection(hostname, port, address)) return { allowed: true };
    return { allowed: false, addressClass: kind };
  }
}
