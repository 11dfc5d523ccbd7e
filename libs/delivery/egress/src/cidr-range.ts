import { parseIp, type IpAddress } from './ip-address';

/** A block of addresses: `10.0.0.0/8`, `fc00::/7`; a bare IP is a block of one. */
export interface CidrRange {
  readonly version: 4 | 6;
  readonly base: bigint;
  readonly prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/** Parses `ip/prefix` or a bare IP; undefined when malformed (bad IP, prefix out of range). */
export function parseCidr(text: string): CidrRange | undefined {
  const [ipText, prefixText, ...rest] = text.trim().split('/');
  const address = parseIp(ipText);
  if (!address || rest.length > 0) return undefined;
  const bits = BITS[address.version];
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  return { version: address.version, base: address.value & maskOf(address.version, prefix), prefix };
}

/** Whether the range holds the address; an IPv4 range never holds an IPv6 address, nor the reverse. */
export function cidrContains(range: CidrRange, address: IpAddress): boolean {
  return address.version === range.version && (address.value & maskOf(range.version, range.prefix)) === range.base;
}

/** Whether the range is one address (`/32`, `/128` or a bare IP). */
export function isSingleAddress(range: CidrRange): boolean {
  return range.prefix === BITS[range.version];
}

function maskOf(version: 4 | 6, prefix: number): bigint {
  const bits = BigInt(BITS[version]);
  const all = (1n << bits) - 1n;
  return (all << (bits - BigInt(prefix))) & all;
}
