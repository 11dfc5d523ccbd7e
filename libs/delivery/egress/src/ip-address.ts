import { isIP } from 'node:net';

/** An IP address as a number, so ranges can be compared without string tricks. */
export interface IpAddress {
  readonly version: 4 | 6;
  readonly value: bigint;
}

/** Parses an IPv4 or IPv6 literal (brackets and zone ids tolerated); undefined when it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  const bare = text.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 4) return { version, value: ipv4Value(bare) };
  if (version === 6) return { version, value: ipv6Value(bare) };
  return undefined;
}

/** The IPv4 address an IPv4-mapped one (`::ffff:a.b.c.d`) is another spelling of; any other unchanged. */
export function unmapped(address: IpAddress): IpAddress {
  return address.version === 6 && address.value >> 32n === 0xffffn ? { version: 4, value: address.value & 0xffffffffn } : address;
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
