/**
 * Whether a URL's host is allow-listed in `HOOKBUS_EGRESS_ALLOW`. An entry is a host name or IP
 * (`hooks.local`, `127.0.0.1`, `[::1]` or `::1`), optionally with a port (`localhost:8080`),
 * compared case-insensitively. Address ranges are the sender's business: it checks the IP it
 * actually connects to.
 */
export function isEgressAllowed(url: string | URL, egressAllow: readonly string[]): boolean {
  const parsed = typeof url === 'string' ? parseUrl(url) : url;
  if (!parsed) return false;
  const hostname = parsed.hostname.toLowerCase();
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  const candidates = new Set([hostname, hostname.replace(/^\[(.*)\]$/, '$1'), `${hostname}:${port}`]);
  return egressAllow.some((entry) => candidates.has(entry.trim().toLowerCase()));
}

export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
