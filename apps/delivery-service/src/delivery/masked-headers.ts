import { MASK } from '@hookbus/contracts';

const SIGNATURE = 'webhook-signature';

/** Headers as logged: the plugin's secret headers and the signature masked (case-insensitive names). */
export function maskHeaders(headers: Readonly<Record<string, string>>, secretHeaders: readonly string[]): Record<string, string> {
  // Runs on every attempt over a handful of headers: a plain loop, no Set or entry arrays.
  const masked: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    masked[name] = isSecret(name.toLowerCase(), secretHeaders) ? MASK : headers[name];
  }
  return masked;
}

function isSecret(lowerName: string, secretHeaders: readonly string[]): boolean {
  if (lowerName === SIGNATURE) return true;
  for (const secret of secretHeaders) if (secret.toLowerCase() === lowerName) return true;
  return false;
}
