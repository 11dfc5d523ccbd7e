import { EgressAllowList } from '@hookbus/egress';
import { EgressPolicy, type EgressTarget } from './egress-policy';

const at = (hostname: string, port = 80): EgressTarget => ({ hostname, port });
const allowed = (entries: string, target: EgressTarget, address: string) => new EgressPolicy(EgressAllowList.parse(entries)).check(target, address).allowed;

describe('EgressPolicy', () => {
  it('lets public addresses through with an empty allow-list', () => {
    expect(allowed('', at('hooks.example'), '93.184.216.34')).toBe(true);
    expect(allowed('', at('hooks.example'), '2606:4700::1111')).toBe(true);
    expect(new EgressPolicy().check(at('hooks.example'), '93.184.216.34')).toEqual({ allowed: true });
  });

  it('refuses every non-public class, naming it', () => {
    const policy = new EgressPolicy();
    expect(policy.check(at('localhost'), '127.0.0.1')).toEqual({ allowed: false, addressClass: 'loopback' });
    expect(policy.check(at('x'), '10.0.0.5')).toEqual({ allowed: false, addressClass: 'private' });
    expect(policy.check(at('x'), '::ffff:192.168.0.1')).toEqual({ allowed: false, addressClass: 'private' });
    expect(policy.check(at('x'), '169.254.169.254')).toEqual({ allowed: false, addressClass: 'metadata' });
    expect(policy.check(at('x'), '198.18.0.1')).toEqual({ allowed: false, addressClass: 'reserved' });
    expect(policy.check(at('x'), 'not-an-ip')).toEqual({ allowed: false, addressClass: 'reserved' });
  });

  it('lets the allow-list open what it names, on the resolved address', () => {
    expect(allowed('127.0.0.1', at('localhost', 8080), '127.0.0.1')).toBe(true);
    expect(allowed('127.0.0.1', at('localhost', 8080), '127.0.0.2')).toBe(false);
    expect(allowed('10.0.0.0/8', at('hooks.internal', 8080), '::ffff:10.20.30.40')).toBe(true);
    expect(allowed('hooks.internal', at('hooks.internal', 443), '10.0.0.1')).toBe(true);
    expect(allowed('hooks.internal', at('hooks.internal', 8080), '10.0.0.1')).toBe(false);
  });

  it('opens a metadata address only to an entry that is exactly it', () => {
    expect(allowed('metadata.internal', at('metadata.internal'), '169.254.169.254')).toBe(false);
    expect(allowed('169.254.0.0/16', at('x'), '169.254.169.254')).toBe(false);
    expect(allowed('169.254.169.254', at('metadata.internal'), '169.254.169.254')).toBe(true);
  });
});
