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

// First match wins: the metadata addresses sit inside link-local and unique-local space.
const RANGES: ReadonlyArray<readonly [string, AddressClass]> = [
  ['169.254.169.254/32', 'metadata'],
  ['fd00:ec2::254/128', 'metadata'],
  ['0.0.0.0/8', 'unspecified'],
  ['127.0.0.0/8', 'loopback'],
  ['10.0.0.0/8', 'private'],
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['169.254.0.0/16', 'link-local'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fc00::/7', 'private'],
  ['fec0::/10', 'private'], // deprecated site-local, still routed inside some networks
  ['fe80::/10', 'link-local'],
  ['ff00::/8', 'multicast'],
];

const PARSED: ReadonlyArray<readonly [CidrRange, AddressClass]> = RANGES.map(([cidr, kind]) => [parseCidr(cidr) as CidrRange, kind]);

/** Classifies an address; IPv4-mapped and NAT64 IPv6 addresses are judged by their IPv4 part. */
export function addressClass(address: IpAddress): AddressClass {
  return PARSED.find(([range]) => cidrContains(range, address))?.[1] ?? 'public';
}
