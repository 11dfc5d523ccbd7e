import { isEgressAllowed } from './egress-allow';

describe('isEgressAllowed', () => {
  it('matches the host name case-insensitively, with or without a port', () => {
    expect(isEgressAllowed('http://Receiver.Local:8080/x', ['receiver.local'])).toBe(true);
    expect(isEgressAllowed('http://receiver.local:8080/x', ['RECEIVER.local:8080'])).toBe(true);
    expect(isEgressAllowed('http://receiver.local/x', ['receiver.local:80'])).toBe(true);
    expect(isEgressAllowed(new URL('https://receiver.local/x'), [' receiver.local:443 '])).toBe(true);
  });

  it('matches IPv6 literals with or without brackets', () => {
    expect(isEgressAllowed('http://[::1]:9000/', ['::1'])).toBe(true);
    expect(isEgressAllowed('http://[::1]:9000/', ['[::1]:9000'])).toBe(true);
  });

  it('refuses other hosts, other ports, suffixes and unparsable URLs', () => {
    expect(isEgressAllowed('http://receiver.local:8080/', ['receiver.local:9090'])).toBe(false);
    expect(isEgressAllowed('http://evil-receiver.local/', ['receiver.local'])).toBe(false);
    expect(isEgressAllowed('http://receiver.local.evil.io/', ['receiver.local'])).toBe(false);
    expect(isEgressAllowed('not a url', ['not a url'])).toBe(false);
    expect(isEgressAllowed('http://receiver.local/', [])).toBe(false);
  });
});
