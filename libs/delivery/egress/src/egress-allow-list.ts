import { z } from 'zod';
import { addressClass } from './address-class';
import { cidrContains, isSingleAddress, parseCidr, type CidrRange } from './cidr-range';
import { parseIp, unmapped, type IpAddress } from './ip-address';

interface AddressEntry {
  readonly range: CidrRange;
  readonly port?: number;
}

interface HostEntry {
  readonly host: string;
  readonly port?: number;
}

const ENTRY_FORMS = 'host, host:port, IP, IP:port or CIDR';
const HTTP_PORTS = [80, 443];
// Dot-separated labels; the last one not all digits, so `1.2.3` is a bad IP, not a host name.
const HOST_NAME = /^([a-z0-9_-]+\.)*[a-z0-9_-]*[a-z_-][a-z0-9_-]*$/i;

class EgressEntryError extends Error {}

/**
 * `HOOKBUS_EGRESS_ALLOW`, parsed once at boot: the destinations allowed although their address is
 * not public, and where plain HTTP is accepted although a plugin requires HTTPS. One list answers
 * at configuration time (`allowsUrl`) and at send time (`allowsConnection`), so an entry means the
 * same to both:
 * - an IP or CIDR entry (`127.0.0.1`, `::1`, `10.0.0.0/8`) opens every port of those addresses, an
 *   `IP:port` entry (`127.0.0.1:8080`, `[::1]:8080`) that port; an IPv4 entry also matches the
 *   IPv4-mapped form of its addresses (`::ffff:a.b.c.d`);
 * - a host-name entry (`hooks.internal`) opens ports 80 and 443 of that name, a `host:port` entry
 *   that port;
 * - a cloud metadata address opens only to an entry that is exactly it (`169.254.169.254`,
 *   optionally with a port), never to a range holding it or to a host name resolving to it.
 */
export class EgressAllowList {
  static readonly NONE = new EgressAllowList([], []);

  private constructor(
    private readonly addresses: readonly AddressEntry[],
    private readonly hosts: readonly HostEntry[],
  ) {}

  /** Comma-separated entries, blanks ignored; throws naming the first malformed entry. */
  static parse(text: string): EgressAllowList {
    const addresses: AddressEntry[] = [];
    const hosts: HostEntry[] = [];
    for (const entry of text.split(',').map((item) => item.trim()).filter(Boolean)) {
      const parsed = parseEntry(entry);
      if (!parsed) throw new EgressEntryError(`"${entry}" is not a valid entry (${ENTRY_FORMS})`);
      if ('range' in parsed) addresses.push(parsed);
      else hosts.push(parsed);
    }
    return new EgressAllowList(addresses, hosts);
  }

  /**
   * Configuration time, without DNS: a URL whose host is an IP literal is matched by the IP and CIDR
   * entries, one whose host is a name by the host-name entries.
   */
  allowsUrl(url: URL): boolean {
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    const address = parseIp(url.hostname);
    return address ? this.allowsAddress(address, port) : this.allowsHost(url.hostname, port);
  }

  /** Send time: a socket to `address`, which `hostname` (a name or an IP literal) resolved to, on `port`. */
  allowsConnection(hostname: string, port: number, address: IpAddress): boolean {
    return this.allowsAddress(address, port) || (this.allowsHost(hostname, port) && addressClass(address) !== 'metadata');
  }

  private allowsAddress(address: IpAddress, port: number): boolean {
    if (this.addresses.length === 0) return false;
    const candidates = [address, unmapped(address)];
    const exactOnly = addressClass(address) === 'metadata';
    return this.addresses.some(
      (entry) =>
        (entry.port === undefined || entry.port === port) &&
        (!exactOnly || isSingleAddress(entry.range)) &&
        candidates.some((candidate) => cidrContains(entry.range, candidate)),
    );
  }

  private allowsHost(hostname: string, port: number): boolean {
    const host = hostname.toLowerCase();
    return this.hosts.some((entry) => entry.host === host && (entry.port === undefined ? HTTP_PORTS.includes(port) : entry.port === port));
  }
}

/** `HOOKBUS_EGRESS_ALLOW` in a service's environment schema: a malformed entry stops the boot. */
export const egressAllowVar = () =>
  z
    .string()
    .default('')
    .transform((text, ctx) => {
      try {
        return EgressAllowList.parse(text);
      } catch (error) {
        if (!(error instanceof EgressEntryError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
        return z.NEVER;
      }
    });

// `10.0.0.0/8`, `127.0.0.1`, `::1`, `[::1]`, `127.0.0.1:8080`, `[::1]:8080`, `hooks.internal`, `hooks.internal:8080`.
function parseEntry(entry: string): AddressEntry | HostEntry | undefined {
  if (entry.includes('/') || parseIp(entry)) {
    const range = parseCidr(entry);
    return range && { range };
  }
  const [, name, portText] = /^(\[.+\]|[^:]+)(?::(\d{1,5}))?$/.exec(entry) ?? [];
  const port = portText === undefined ? undefined : Number(portText);
  if (name === undefined || (port !== undefined && (port < 1 || port > 65_535))) return undefined;
  if (parseIp(name)) return { range: parseCidr(name) as CidrRange, port };
  return HOST_NAME.test(name) ? { host: name.toLowerCase(), port } : undefined;
}
