import { EgressPolicy, type EgressTarget } from './egress-policy';

const http = (hostname: string, port = 80): EgressTarget => ({ protocol: 'http:', hostname, port });
const allowed = (entries: string[], target: EgressTarget, address: string) => new EgressPolicy(entries).check(target, address).allowed;

describe('EgressPolicy', () => {
  it('lets public addresses through with an empty allow-list', () => {
    expect(allowed([], http('hooks.example'), '93.184.216.34')).toBe(true);
    expect(allowed([], http('hooks.example'), '2606:4700::1111')).toBe(true);
  });

  it('refuses every non-public class, naming it', () => {
    const policy = new EgressPolicy([]);
    expect(policy.check(http('localhost'), '127.0.0.1')).toEqual({ allowed: false, addressClass: 'loopback' });
    expect(policy.check(http('x'), '10.0.0.5')).toEqual({ allowed: false, addressClass: 'private' });
    expect(policy.check(http('x'), '::ffff:192.168.0.1')).toEqual({ allowed: false, addressClass: 'private' });
    expect(policy.check(http('x'), '169.254.169.254')).toEqual({ allowed: false, addressClass: 'metadata' });
    expect(policy.check(http('x'), 'not-an-ip')).toEqual({ allowed: false, addressClass: 'reserved' });
  });

  it('allows an IP entry for that address only, with or without brackets', () => {
    expect(allowed(['127.0.0.1'], http('127.0.0.1', 8080), '127.0.0.1')).toBe(true);
    expect(allowed(['127.0.0.1'], http('localhost', 8080), '127.0.0.1')).toBe(true);
    expect(allowed(['127.0.0.1'], http('localhost', 8080), '127.0.0.2')).toBe(false);
    expect(allowed(['::1'], http('::1'), '::1')).toBe(true);
    expect(allowed(['[::1]'], http('localhost'), '::1')).toBe(true);
  });

  it('allows an ip:port entry on that port only', () => {
    expect(allowed(['127.0.0.1:8080'], http('127.0.0.1', 8080), '127.0.0.1')).toBe(true);
    expect(allowed(['127.0.0.1:8080'], http('127.0.0.1', 9090), '127.0.0.1')).toBe(false);
    expect(allowed(['[::1]:8080'], http('::1', 8080), '::1')).toBe(true);
    expect(allowed(['[::1]:8080'], http('::1', 9090), '::1')).toBe(false);
  });

  it('allows CIDR entries, IPv4-mapped addresses included', () => {
    expect(allowed(['10.0.0.0/8'], http('hooks.internal'), '10.20.30.40')).toBe(true);
    expect(allowed(['10.0.0.0/8'], http('hooks.internal'), '::ffff:10.20.30.40')).toBe(true);
    expect(allowed(['10.0.0.0/8'], http('hooks.internal'), '192.168.0.1')).toBe(false);
    expect(allowed(['fc00::/7'], http('hooks.internal'), 'fd00::5')).toBe(true);
  });

  it('allows a host-name entry for whatever that name resolved to, port-aware as isEgressAllowed', () => {
    expect(allowed(['receiver.local'], http('Receiver.Local', 8080), '172.18.0.4')).toBe(true);
    expect(allowed(['receiver.local:8080'], http('receiver.local', 8080), '172.18.0.4')).toBe(true);
    expect(allowed(['receiver.local:8080'], http('receiver.local', 9090), '172.18.0.4')).toBe(false);
    expect(allowed(['receiver.local:443'], { protocol: 'https:', hostname: 'receiver.local', port: 443 }, '10.0.0.1')).toBe(true);
    expect(allowed(['receiver.local'], http('evil-receiver.local'), '10.0.0.1')).toBe(false);
  });

  it('never unlocks a metadata address by host name, only by an IP or range covering it', () => {
    expect(allowed(['metadata.internal'], http('metadata.internal'), '169.254.169.254')).toBe(false);
    expect(allowed(['receiver.local'], http('receiver.local'), 'fd00:ec2::254')).toBe(false);
    expect(allowed(['169.254.169.254'], http('metadata.internal'), '169.254.169.254')).toBe(true);
    expect(allowed(['169.254.0.0/16'], http('x'), '169.254.169.254')).toBe(true);
  });

  it('ignores blank entries and fails fast on a malformed range', () => {
    expect(allowed(['', '  '], http('x'), '10.0.0.1')).toBe(false);
    expect(() => new EgressPolicy(['10.0.0.0/33'])).toThrow('HOOKBUS_EGRESS_ALLOW: "10.0.0.0/33" is not a valid IP range');
  });
});
