import type { AddressInfo } from 'node:net';

/**
 * The URL this process answers on, from its HTTP server's address: a wildcard address (`0.0.0.0`,
 * `::`) is reached on loopback. Undefined before the server listens.
 */
export function listeningUrl(address: AddressInfo | string | null): string | undefined {
  if (address === null || typeof address === 'string') return undefined;
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
