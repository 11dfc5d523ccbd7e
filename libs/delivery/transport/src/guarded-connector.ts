import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { EgressRefusedError } from './egress-refused.error';
import type { EgressPolicy } from './egress-policy';

/** Every address a host name resolves to, in the resolver's order. */
export type HostResolver = (hostname: string) => Promise<string[]>;

export const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true })).map(({ address }) => address);

export interface GuardedConnectorOptions {
  readonly policy: EgressPolicy;
  readonly resolve?: HostResolver;
  /** Opens the socket; undici's own connector unless a test swaps it. */
  readonly connect?: buildConnector.connector;
  readonly connectTimeoutMs?: number;
}

/**
 * An undici connector that resolves the host once, checks each address against the egress policy
 * and connects to that exact IP, so a second DNS answer (rebinding) can never slip in between the
 * check and the socket. TLS keeps the host name for SNI and certificate checks; undici keeps it
 * for the Host header.
 */
export function guardedConnector(options: GuardedConnectorOptions): buildConnector.connector {
  const { policy, resolve = systemResolver } = options;
  const connect = options.connect ?? buildConnector({ timeout: options.connectTimeoutMs ?? 10_000 });

  return (target, callback) => {
    const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
    const hostname = target.hostname;
    const servername = target.servername ?? (isIP(hostname) ? undefined : hostname);

    const tryInTurn = (addresses: string[]) => {
      const [address, ...rest] = addresses;
      connect({ ...target, hostname: address, servername }, (...result) => {
        // Another permitted address of the same host may still answer (e.g. ::1 refused, 127.0.0.1 listening).
        if (result[0] && rest.length > 0) tryInTurn(rest);
        else callback(...result);
      });
    };

    (isIP(hostname) ? Promise.resolve([hostname]) : resolve(hostname)).then(
      (addresses) => {
        const refusals: EgressRefusedError[] = [];
        const permitted = addresses.filter((address) => {
          const decision = policy.check({ hostname, port }, address);
          if (!decision.allowed) refusals.push(new EgressRefusedError(hostname, address, decision.addressClass));
          return decision.allowed;
        });
        if (permitted.length > 0) tryInTurn(permitted);
        else callback(refusals[0] ?? dnsEmpty(hostname), null);
      },
      (error: Error) => callback(error, null),
    );
  };
}

function dnsEmpty(hostname: string): Error {
  return Object.assign(new Error(`${hostname} resolved to no address`), { code: 'ENOTFOUND' });
}
