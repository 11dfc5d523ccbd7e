import { consoleUrlFor, portalLinkUrl } from './console-url';

describe('console URLs', () => {
  const request = { protocol: 'http', get: (name: string) => (name === 'host' ? '127.0.0.1:3001' : undefined) } as never;

  it('uses HOOKBUS_CONSOLE_URL when set', () => {
    expect(consoleUrlFor('https://hookbus.example.com/console/', request)).toBe('https://hookbus.example.com/console/');
  });

  it('else /console/ on the host the request reached', () => {
    expect(consoleUrlFor(null, request)).toBe('http://127.0.0.1:3001/console/');
  });

  it('puts the portal token in the fragment, which never reaches a server', () => {
    const url = new URL(portalLinkUrl('https://hookbus.example.com/console/', 'tok'));
    expect(url.pathname).toBe('/console/portal');
    expect(url.search).toBe('');
    expect(url.hash).toBe('#tok');
  });
});
