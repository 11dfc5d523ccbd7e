import { addressClass, type AddressClass } from './address-class';
import { parseIp } from './ip-address';

const classOf = (text: string): AddressClass => {
  const address = parseIp(text);
  if (!address) throw new Error(`not an IP: ${text}`);
  return addressClass(address);
};

describe('addressClass', () => {
  it.each<[string, AddressClass]>([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd00:ec2::253', 'private'],
    ['fd12:3456::1', 'private'],
    ['fec0::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['240.0.0.1', 'reserved'],
  ])('%s is %s', (ip, expected) => {
    expect(classOf(ip)).toBe(expected);
  });

  it.each([
    ['169.254.169.254', 'AWS, GCP, Azure, OCI, OpenStack instance metadata'],
    ['fd00:ec2::254', 'AWS instance metadata over IPv6'],
    ['fd20:ce::254', 'GCP instance metadata over IPv6'],
    ['169.254.170.2', 'AWS ECS task credentials'],
    ['169.254.170.23', 'AWS EKS Pod Identity credentials'],
    ['fd00:ec2::23', 'AWS EKS Pod Identity credentials over IPv6'],
    ['100.100.100.200', 'Alibaba Cloud instance metadata'],
    ['168.63.129.16', 'Azure WireServer'],
  ])('%s is metadata (%s)', (ip) => {
    expect(classOf(ip)).toBe('metadata');
  });

  // Every block the IANA special-purpose registries mark not globally reachable, at both ends.
  it.each<[string, AddressClass]>([
    ['192.0.0.0', 'reserved'], // IETF protocol assignments 192.0.0.0/24
    ['192.0.0.8', 'reserved'],
    ['192.0.0.170', 'reserved'],
    ['192.0.0.255', 'reserved'],
    ['192.0.2.1', 'reserved'], // TEST-NET-1
    ['192.88.99.2', 'reserved'], // 6to4 relay anycast, 6a44
    ['198.18.0.1', 'reserved'], // benchmarking 198.18.0.0/15
    ['198.19.255.255', 'reserved'],
    ['198.51.100.7', 'reserved'], // TEST-NET-2
    ['203.0.113.7', 'reserved'], // TEST-NET-3
    ['64:ff9b:1::1', 'reserved'], // local-use NAT64
    ['100::1', 'reserved'], // discard-only
    ['100:0:0:1::1', 'reserved'], // dummy prefix
    ['2001::1', 'reserved'], // Teredo 2001::/32
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['2001:2::1', 'reserved'], // benchmarking
    ['2001:10::1', 'reserved'], // deprecated ORCHID
    ['2001:1ff:ffff::1', 'reserved'], // the rest of 2001::/23
    ['2001:db8::1', 'reserved'], // documentation
    ['3fff::1', 'reserved'], // documentation
    ['3fff:fff:ffff::1', 'reserved'],
    ['5f00::1', 'reserved'], // SRv6 SIDs
    ['4000::1', 'reserved'], // outside 2000::/3, the only global unicast block
    ['1::1', 'reserved'],
  ])('%s (not globally reachable) is %s', (ip, expected) => {
    expect(classOf(ip)).toBe(expected);
  });

  it.each<[string, AddressClass]>([
    ['::ffff:127.0.0.1', 'loopback'], // IPv4-mapped
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:10.1.2.3]', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:100.64.0.1', 'cgnat'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:198.18.0.1', 'reserved'],
    ['64:ff9b::192.168.0.1', 'private'], // NAT64
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['::7f00:1', 'loopback'], // IPv4-compatible
    ['::10.0.0.1', 'private'],
    ['::ffff:0:7f00:1', 'loopback'], // IPv4-translated
    ['::ffff:0:a9fe:a9fe', 'metadata'],
    ['2002:7f00:1::', 'loopback'], // 6to4
    ['2002:a9fe:a9fe::1', 'metadata'],
    ['2002:c0a8:101:1::1', 'private'],
  ])('judges the IPv4 inside an IPv6 address: %s is %s', (ip, expected) => {
    expect(classOf(ip)).toBe(expected);
  });

  it.each<[string, AddressClass]>([
    ['::ffff:1.1.1.1', 'public'], // IPv4-mapped: the same destination as 1.1.1.1
    ['64:ff9b::1.1.1.1', 'public'], // NAT64: globally reachable
    ['::1.1.1.1', 'reserved'], // IPv4-compatible, deprecated
    ['::ffff:0:101:101', 'reserved'], // IPv4-translated
    ['2002:101:101::1', 'reserved'], // 6to4, deprecated
  ])('a public IPv4 inside an IPv6 address is public only where that prefix reaches it: %s is %s', (ip, expected) => {
    expect(classOf(ip)).toBe(expected);
  });

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '169.253.255.255',
    '192.0.1.1',
    '192.31.196.1', // AS112, globally reachable
    '198.17.255.255',
    '198.20.0.1',
    '2606:4700::1111',
    '2a05:d014::1',
    '2001:200::1', // just past 2001::/23
    '2620:4f:8000::1', // AS112, globally reachable
    '3fff:1000::1', // just past 3fff::/20
  ])('%s is public', (ip) => {
    expect(classOf(ip)).toBe('public');
  });
});
