import { cidrContains, parseCidr } from './cidr-range';
import { parseIp, type IpAddress } from './ip-address';

const ip = (text: string): IpAddress => parseIp(text) as IpAddress;

describe('parseIp', () => {
  it('reads IPv4, IPv6 (compressed, with an IPv4 tail, bracketed, with a zone)', () => {
    expect(parseIp('10.1.2.3')).toEqual({ version: 4, value: 0x0a010203n });
    expect(parseIp('::1')).toEqual({ version: 6, value: 1n });
    expect(parseIp('2001:db8::8:800:200c:417a')?.value).toBe(0x20010db80000000000080800200c417an);
    expect(parseIp('::ffff:1.2.3.4')?.value).toBe(0xffff01020304n);
    expect(parseIp('[fe80::1]')).toEqual({ version: 6, value: (0xfe80n << 112n) | 1n });
    expect(parseIp('fe80::1%eth0')).toEqual(parseIp('fe80::1'));
    expect(parseIp('1:2:3:4:5:6:7:8')?.value).toBe(0x00010002000300040005000600070008n);
  });

  it('refuses what is not an IP', () => {
    for (const text of ['localhost', '1.2.3', '256.1.1.1', '::g', '', '1.2.3.4:80']) expect(parseIp(text)).toBeUndefined();
  });
});

describe('parseCidr / cidrContains', () => {
  it('matches addresses inside the range only', () => {
    const range = parseCidr('172.16.0.0/12');
    expect(range && cidrContains(range, ip('172.31.0.1'))).toBe(true);
    expect(range && cidrContains(range, ip('172.32.0.1'))).toBe(false);
  });

  it('normalises the base, and treats a bare IP as one address', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ version: 4, base: 0x0a000000n, prefix: 8 });
    const single = parseCidr('127.0.0.1');
    expect(single && cidrContains(single, ip('127.0.0.1'))).toBe(true);
    expect(single && cidrContains(single, ip('127.0.0.2'))).toBe(false);
  });

  it('never matches across versions, IPv4-mapped addresses included', () => {
    const v4 = parseCidr('127.0.0.0/8');
    expect(v4 && cidrContains(v4, ip('::ffff:127.0.0.9'))).toBe(false);
    expect(v4 && cidrContains(v4, ip('::1'))).toBe(false);
    const v6 = parseCidr('fc00::/7');
    expect(v6 && cidrContains(v6, ip('fdff::1'))).toBe(true);
    expect(v6 && cidrContains(v6, ip('10.0.0.1'))).toBe(false);
  });

  it('accepts /0 and full-length prefixes', () => {
    const all = parseCidr('0.0.0.0/0');
    expect(all && cidrContains(all, ip('203.0.113.7'))).toBe(true);
    expect(parseCidr('::1/128')).toEqual({ version: 6, base: 1n, prefix: 128 });
  });

  it('refuses malformed ranges', () => {
    for (const text of ['10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/8/8', 'hooks.local/8', '10.0.0.0/ 8']) {
      expect(parseCidr(text)).toBeUndefined();
    }
  });
});
