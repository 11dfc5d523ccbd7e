import { z } from 'zod';
import { EgressAllowList, egressAllowVar } from './egress-allow-list';
import { parseIp, type IpAddress } from './ip-address';

const ip = (text: string): IpAddress => parseIp(text) as IpAddress;
const allowsUrl = (entries: string, url: string) => EgressAllowList.parse(entries).allowsUrl(new URL(url));
const allowsConnection = (entries: string, hostname: string, port: number, address: string) =>
  EgressAllowList.parse(entries).allowsConnection(hostname, port, ip(address));

describe('EgressAllowList.parse', () => {
  it.each([
    '127.0.0.1',
    '127.0.0.1:8080',
    '::1',
    '[::1]',
    '[::1]:8080',
    '10.0.0.0/8',
    'fc00::/7',
    '169.254.169.254/32',
    'localhost',
    'hooks.internal:8443',
    'Receiver_1.Local',
  ])('accepts %s', (entry) => {
    expect(() => EgressAllowList.parse(entry)).not.toThrow();
  });

  it.each([
    '10.0.0.0/33',
    '::/129',
    '10.0.0.0/',
    '10.0.0.0/8:80',
    '1.2.3',
    '256.1.1.1',
    'hooks.internal:0',
    'hooks.internal:65536',
    'hooks.internal:http',
    ':8080',
    '[hooks.internal]',
    'http://hooks.internal',
    '*.internal',
    'hooks..internal',
  ])('refuses %s, naming it', (entry) => {
    expect(() => EgressAllowList.parse(`127.0.0.1, ${entry}`)).toThrow(`"${entry}" is not a valid entry (host, host:port, IP, IP:port or CIDR)`);
  });

  it('ignores blanks and spaces around entries', () => {
    expect(EgressAllowList.parse(' , 127.0.0.1 ,, ').allowsUrl(new URL('http://127.0.0.1/'))).toBe(true);
    expect(EgressAllowList.parse('').allowsUrl(new URL('http://127.0.0.1/'))).toBe(false);
  });
});

describe('egressAllowVar', () => {
  const schema = z.object({ HOOKBUS_EGRESS_ALLOW: egressAllowVar() });

  it('parses the variable once into a list, empty when unset', () => {
    const parsed = schema.parse({ HOOKBUS_EGRESS_ALLOW: '10.0.0.0/8' }).HOOKBUS_EGRESS_ALLOW;
    expect(parsed.allowsUrl(new URL('http://10.1.2.3/'))).toBe(true);
    expect(schema.parse({}).HOOKBUS_EGRESS_ALLOW.allowsUrl(new URL('http://10.1.2.3/'))).toBe(false);
  });

  it('reports a malformed entry as an issue of the variable', () => {
    const result = schema.safeParse({ HOOKBUS_EGRESS_ALLOW: 'localhost,10.0.0.0/33' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['HOOKBUS_EGRESS_ALLOW'], message: '"10.0.0.0/33" is not a valid entry (host, host:port, IP, IP:port or CIDR)' }),
    ]);
  });
});

describe('EgressAllowList.allowsUrl (configuration time, no DNS)', () => {
  it('matches an IP-literal host against IP and CIDR entries, on every port unless the entry names one', () => {
    expect(allowsUrl('127.0.0.1/32', 'http://127.0.0.1:8080/x')).toBe(true);
    expect(allowsUrl('127.0.0.0/8', 'http://127.0.0.9/x')).toBe(true);
    expect(allowsUrl('127.0.0.1', 'http://127.0.0.1:9/x')).toBe(true);
    expect(allowsUrl('127.0.0.1:8080', 'http://127.0.0.1:8080/x')).toBe(true);
    expect(allowsUrl('127.0.0.1:8080', 'http://127.0.0.1/x')).toBe(false);
    expect(allowsUrl('::1', 'http://[::1]:9000/x')).toBe(true);
    expect(allowsUrl('[::1]:9000', 'http://[::1]:9000/x')).toBe(true);
    expect(allowsUrl('fc00::/7', 'http://[fd00::5]/x')).toBe(true);
    expect(allowsUrl('127.0.0.1/32', 'http://127.0.0.2/x')).toBe(false);
  });

  it('matches a host name against host-name entries only: ports 80 and 443, or the port the entry names', () => {
    expect(allowsUrl('receiver.local', 'http://Receiver.Local/x')).toBe(true);
    expect(allowsUrl('RECEIVER.local', 'https://receiver.local/x')).toBe(true);
    expect(allowsUrl('receiver.local', 'http://receiver.local:443/x')).toBe(true);
    expect(allowsUrl('receiver.local', 'http://receiver.local:8080/x')).toBe(false);
    expect(allowsUrl('receiver.local:8080', 'http://receiver.local:8080/x')).toBe(true);
    expect(allowsUrl('receiver.local:8080', 'http://receiver.local/x')).toBe(false);
    expect(allowsUrl('127.0.0.0/8', 'http://localhost/x')).toBe(false);
    expect(allowsUrl('localhost', 'http://127.0.0.1/x')).toBe(false);
  });

  it('refuses other hosts, suffixes and prefixes of an entry', () => {
    expect(allowsUrl('receiver.local', 'http://evil-receiver.local/')).toBe(false);
    expect(allowsUrl('receiver.local', 'http://receiver.local.evil.io/')).toBe(false);
    expect(allowsUrl('', 'http://receiver.local/')).toBe(false);
  });

  it('opens a metadata address only to an entry that is exactly it', () => {
    expect(allowsUrl('169.254.0.0/16', 'http://169.254.169.254/x')).toBe(false);
    expect(allowsUrl('169.254.0.0/16', 'http://169.254.1.1/x')).toBe(true);
    expect(allowsUrl('169.254.169.254', 'http://169.254.169.254/x')).toBe(true);
    expect(allowsUrl('169.254.169.254/32', 'http://169.254.169.254/x')).toBe(true);
    expect(allowsUrl('169.254.169.254:80', 'http://169.254.169.254/x')).toBe(true);
    expect(allowsUrl('fd00:ec2::/32', 'http://[fd00:ec2::254]/x')).toBe(false);
  });
});

describe('EgressAllowList.allowsConnection (send time, on the resolved address)', () => {
  it('matches IP and CIDR entries against the address, its IPv4-mapped form included', () => {
    expect(allowsConnection('127.0.0.1', 'localhost', 8080, '127.0.0.1')).toBe(true);
    expect(allowsConnection('127.0.0.1', 'localhost', 8080, '::ffff:127.0.0.1')).toBe(true);
    expect(allowsConnection('10.0.0.0/8', 'hooks.internal', 8080, '10.20.30.40')).toBe(true);
    expect(allowsConnection('10.0.0.0/8', 'hooks.internal', 8080, '192.168.0.1')).toBe(false);
    expect(allowsConnection('127.0.0.1:8080', 'localhost', 9090, '127.0.0.1')).toBe(false);
  });

  it('matches host-name entries against the name, on ports 80 and 443 unless the entry names one', () => {
    expect(allowsConnection('receiver.local', 'receiver.local', 443, '172.18.0.4')).toBe(true);
    expect(allowsConnection('receiver.local', 'receiver.local', 8080, '172.18.0.4')).toBe(false);
    expect(allowsConnection('receiver.local:8080', 'receiver.local', 8080, '172.18.0.4')).toBe(true);
  });

  it('never opens a metadata address to a host name or a range, even mapped', () => {
    expect(allowsConnection('metadata.internal', 'metadata.internal', 80, '169.254.169.254')).toBe(false);
    expect(allowsConnection('receiver.local', 'receiver.local', 80, 'fd00:ec2::254')).toBe(false);
    expect(allowsConnection('169.254.0.0/16', 'x', 80, '::ffff:169.254.169.254')).toBe(false);
    expect(allowsConnection('169.254.169.254', 'x', 80, '::ffff:169.254.169.254')).toBe(true);
    expect(allowsConnection('100.64.0.0/10', 'x', 80, '100.100.100.200')).toBe(false);
  });
});
