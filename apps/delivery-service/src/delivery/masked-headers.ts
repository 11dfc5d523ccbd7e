import { MASK } from '@hookbus/contracts';

/** Headers as logged: the plugin's secret headers and the signature masked (case-insensitive names). */
export function maskHeaders(headers: Readonly<Record<string, string>>, secretHeaders: readonly string[]): Record<string, string> {
  const secret = new Set([...secretHeaders, 'webhook-signature'].map((name) => name.toLowerCase()));
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, secret.has(name.toLowerCase()) ? MASK : value]));
}
