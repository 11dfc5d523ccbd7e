import { cidrContains, parseCidr, type CidrRange } from './cidr-range';
import type { IpAddress } from './ip-address';

/** Why an address is not a public Internet destination; `public` when it is one. */
export type AddressClass =
  | 'public'
  | 'metadata'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unspecified'
  | 'broadcast'
  | 'multicast'
  | 'reserved';

/**
 * An IPv6 block whose addresses carry an IPv4 address `shift` bits from the right. A carried IPv4
 * that is not public gives its class (`::7f00:1` is loopback); a public one gives `ifPublic`.
 */
interface Carrier {
  readonly shift: bigint;
  readonly ifPublic: AddressClass;
}

const carrier = (shift: number, ifPublic: AddressClass): Carrier => ({ shift: BigInt(shift), ifPublic });

// First match wins: exact addresses precede the blocks holding them, and each version ends with a
// block covering the rest. The blocks are the IANA IPv4 and IPv6 special-purpose registries' entries
// that are not globally reachable; a few globally reachable ones inside them (the PCP and TURN
// anycast addresses in 192.0.0.0/24, AMT and AS112 in 2001::/23) are refused too: no webhook
// receiver lives there.
const RANGES: ReadonlyArray<readonly [string, AddressClass | Carrier]> = [
  // Cloud metadata and credential endpoints: an allow-list entry must name the address itself.
  ['169.254.169.254/32', 'metadata'], // AWS, GCP, Azure, OCI, OpenStack instance metadata
  ['fd00:ec2::254/128', 'metadata'], // AWS instance metadata over IPv6
  ['fd20:ce::254/128', 'metadata'], // GCP instance metadata over IPv6
  ['169.254.170.2/32', 'metadata'], // AWS ECS task credentials
  ['169.254.170.23/32', 'metadata'], // AWS EKS Pod Identity credentials
  ['fd00:ec2::23/128', 'metadata'],
  ['100.100.100.200/32', 'metadata'], // Alibaba Cloud instance metadata
  ['168.63.129.16/32', 'metadata'], // Azure WireServer: a public address only Azure hosts reach
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'], // IETF protocol assignments
  ['192.0.2.0/24', 'reserved'], // TEST-NET-1
  ['192.88.99.0/24', 'reserved'], // 6to4 relay anycast (deprecated), 6a44 relay
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'], // benchmarking
  ['198.51.100.0/24', 'reserved'], // TEST-NET-2
  ['203.0.113.0/24', 'reserved'], // TEST-NET-3
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
  ['0.0.0.0/0', 'public'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::ffff:0:0/96', carrier(0, 'public')], // IPv4-mapped: a socket to it is a socket to the IPv4
  ['::ffff:0:0:0/96', carrier(0, 'reserved')], // IPv4-translated (SIIT)
  ['::/96', carrier(0, 'reserved')], // IPv4-compatible, deprecated
  ['64:ff9b::/96', carrier(0, 'public')], // NAT64 well-known prefix, globally reachable
  ['64:ff9b:1::/48', 'reserved'], // local-use NAT64
  ['100::/64', 'reserved'], // discard-only
  ['100:0:0:1::/64', 'reserved'], // dummy prefix
  ['2001::/23', 'reserved'], // IETF protocol assignments: Teredo, benchmarking, ORCHID, …
  ['2001:db8::/32', 'reserved'], // documentation
  ['2002::/16', carrier(80, 'reserved')], // 6to4, deprecated
  ['3fff::/20', 'reserved'], // documentation
  ['5f00::/16', 'reserved'], // SRv6 SIDs
  ['fc00::/7', 'private'],
  ['fec0::/10', 'private'], // deprecated site-local, still routed inside some networks
  ['fe80::/10', 'link-local'],
  ['ff00::/8', 'multicast'],
  ['2000::/3', 'public'], // global unicast
  ['::/0', 'reserved'], // IANA allocates nothing else for global unicast
];

const PARSED = RANGES.map(([cidr, verdict]) => [parseCidr(cidr) as CidrRange, verdict] as const);

/** Classifies an address; an IPv6 address carrying an IPv4 one (mapped, NAT64, 6to4, …) by that IPv4. */
export function addressClass(address: IpAddress): AddressClass {
  const [, verdict] = PARSED.find(([range]) => cidrContains(range, address)) as (typeof PARSED)[number];
  if (typeof verdict === 'string') return verdict;
  const carried = addressClass({ version: 4, value: (address.value >> verdict.shift) & 0xffffffffn });
  return carried === 'public' ? verdict.ifPublic : carried;
}
