import { isIP } from 'node:net';

/** An IP address as a number, so ranges can be compared without string tricks. */
export interface IpAddress {
  readonly version: 4 | 6;
  readonly value: bigint;
}

const MAPPED_V4_PREFIX = 0xffffn << 32n; // ::ffff:0:0/96
const NAT64_PREFIX = 0x0064ff9bn << 96n; // 64:ff9b::/96
const LOW_32_BITS = 0xffffffffn;

/** Parses an IPv4 or IPv6 literal (brackets and zone ids tolerated); undefined when it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  const bare = text.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 4) return { version, value: ipv4Value(bare) };
  if (version === 6) return { version, value: ipv6Value(bare) };
  return undefined;
}

/**
 * The IPv4 address an IPv6 one stands for (IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`),
 * so `::ffff:127.0.0.1` is judged as loopback; any other address is returned unchanged.
 */
export function embeddedIpv4(address: IpAddress): IpAddress {
  if (address.version === 6) {
    const prefix = address.value & ~LOW_32_BITS;
    if (prefix === MAPPED_V4_PREFIX || prefix === NAT64_PREFIX) return { version: 4, value: address.value & LOW_32_BITS };
  }
  return address;
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

// `isIP` has validated the text, so only the shape is handled here: `::` and a dotted IPv4 tail.
function ipv6Value(text: string): bigint {
  const groupsOf = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const v4 = Number(ipv4Value(group));
          return [v4 >>> 16, v4 & 0xffff];
        });
  const [head, tail] = text.split('::');
  const headGroups = groupsOf(head);
  const tailGroups = tail === undefined ? [] : groupsOf(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - headGroups.length - tailGroups.length).fill(0);
  return [...headGroups, ...zeros, ...tailGroups].reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}
