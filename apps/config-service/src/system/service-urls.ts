import { z } from 'zod';

/** A service /v1/system probes: its name and base URL (`<url>/health/ready` is asked). */
export interface ServiceUrl {
  readonly name: string;
  readonly url: string;
}

/** The other four services on their default local ports, as `npm start` runs them. */
export const DEFAULT_SERVICE_URLS =
  'ingest-service=http://127.0.0.1:3002,delivery-service=http://127.0.0.1:3003,retry-scheduler=http://127.0.0.1:3004,notifier-service=http://127.0.0.1:3005';

const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** One `name=url` entry, or the rule it breaks. */
function parseEntry(entry: string): ServiceUrl | string {
  const separator = entry.indexOf('=');
  if (separator < 0) return `each entry must be name=url (got "${entry}")`;
  const name = entry.slice(0, separator).trim();
  const raw = entry.slice(separator + 1).trim();
  if (!SERVICE_NAME.test(name)) return `a service name may hold only letters, digits, ".", "_" and "-" (got "${name}")`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${name}: must be an absolute http(s) URL (got "${raw}")`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${name}: must be an http(s) URL (got "${raw}")`;
  // /v1/system shows the URL to the operator's console; a password does not belong there.
  if (url.username || url.password) return `${name}: must not carry credentials`;
  return { name, url: url.toString().replace(/\/+$/, '') };
}

/**
 * `HOOKBUS_SERVICE_URLS`: comma-separated `name=url` of the services `GET /v1/system` probes beside
 * config-service itself (which it reaches on its own listening address unless listed here). Empty:
 * config-service alone. Operator configuration, never user input.
 */
export const serviceUrlsVar = () =>
  z
    .string()
    .default(DEFAULT_SERVICE_URLS)
    .transform((value, context) => {
      const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
      const services: ServiceUrl[] = [];
      for (const parsed of entries.map(parseEntry)) {
        if (typeof parsed === 'string') context.addIssue({ code: 'custom', message: parsed });
        else if (services.some(({ name }) => name === parsed.name)) context.addIssue({ code: 'custom', message: `names ${parsed.name} more than once` });
        else services.push(parsed);
      }
      return services;
    });
