import { isIP } from 'node:net';
import { isEgressAllowed } from '../egress-allow';
import { addressClass, type AddressClass } from './address-class';
import { cidrContains, parseCidr, type CidrRange } from './cidr-range';
import { parseIp, unmapped } from './ip-address';

/** Where a request is going, as the URL names it. */
export interface EgressTarget {
  readonly protocol: string;
  readonly hostname: string;
  readonly port: number;
}

export type EgressDecision = { readonly allowed: true } | { readonly allowed: false; readonly addressClass: AddressClass };

interface RangeEntry {
  readonly range: CidrRange;
  readonly port?: number;
}

/**
 * Decides whether the sender may open a socket to a resolved address. Public addresses always pass;
 * the others (loopback, private, link-local, CGNAT, metadata, …) only when `HOOKBUS_EGRESS_ALLOW`
 * names them: by host name or `host:port` (as `isEgressAllowed`), or by IP, `ip:port` or CIDR, matched
 * against the address itself. A host-name entry never unlocks a cloud metadata address: only an
 * IP or CIDR entry covering it does, so a rebound allow-listed name cannot reach it.
 */
export class EgressPolicy {
  private readonly hostEntries: string[] = [];
  private readonly rangeEntries: RangeEntry[] = [];

  /** Throws on a malformed CIDR, naming the entry, so a bad setting fails at boot. */
  constructor(entries: readonly string[] = []) {
    for (const raw of entries.map((entry) => entry.trim()).filter(Boolean)) {
      const ranged = parseRangeEntry(raw);
      if (ranged) this.rangeEntries.push(ranged);
      else if (raw.includes('/')) throw new Error(`HOOKBUS_EGRESS_ALLOW: "${raw}" is not a valid IP range`);
      else this.hostEntries.push(raw);
    }
  }

  check(target: EgressTarget, resolvedAddress: string): EgressDecision {
    const address = parseIp(resolvedAddress);
    if (!address) return { allowed: false, addressClass: 'reserved' };
    const kind = addressClass(address);
    if (kind === 'public') return { allowed: true };
    // `::ffff:a.b.c.d` is a.b.c.d: an IPv4 entry allows it.
    const byRange = this.rangeEntries.some(
      ({ range, port }) => (port === undefined || port === target.port) && (cidrContains(range, address) || cidrContains(range, unmapped(address))),
    );
    if (byRange || (kind !== 'metadata' && this.allowsHost(target))) return { allowed: true };
    return { allowed: false, addressClass: kind };
  }

  private allowsHost({ protocol, hostname, port }: EgressTarget): boolean {
    if (this.hostEntries.length === 0) return false;
    const host = isIP(hostname) === 6 ? `[${hostname}]` : hostname;
    return isEgressAllowed(`${protocol}//${host}:${port}`, this.hostEntries);
  }
}

// `10.0.0.0/8`, `127.0.0.1`, `::1`, `127.0.0.1:8080` or `[::1]:8080`; undefined for a host name.
function parseRangeEntry(entry: string): RangeEntry | undefined {
  if (entry.includes('/')) {
    const range = parseCidr(entry);
    return range && { range };
  }
  const withPort = /^\[(.+)\]:(\d{1,5})$/.exec(entry) ?? /^([\d.]+):(\d{1,5})$/.exec(entry);
  const range = parseCidr(withPort ? withPort[1] : entry.replace(/^\[(.*)\]$/, '$1'));
  return range && { range, port: withPort ? Number(withPort[2]) : undefined };
}
