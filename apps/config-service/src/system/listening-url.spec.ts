import { listeningUrl } from './listening-url';

describe('listeningUrl', () => {
  it.each([
    [{ address: '127.0.0.1', family: 'IPv4', port: 3001 }, 'http://127.0.0.1:3001'],
    [{ address: '0.0.0.0', family: 'IPv4', port: 3001 }, 'http://127.0.0.1:3001'],
    [{ address: '::', family: 'IPv6', port: 3001 }, 'http://[::1]:3001'],
    [{ address: 'fd00::7', family: 'IPv6', port: 80 }, 'http://[fd00::7]:80'],
  ])('reaches %j at %s', (address, url) => {
    expect(listeningUrl(address)).toBe(url);
  });

  it('has none before the server listens', () => {
    expect(listeningUrl(null)).toBeUndefined();
  });
});
