/**
 * `{ ...headers, ...added }`, copied key by key: V8 adds keys to a spread copy slowly, and this
 * runs on every attempt.
 */
export function withHeaders<T extends { readonly [K in keyof T]: string }>(headers: Readonly<Record<string, string>>, added: T): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const name of Object.keys(headers)) merged[name] = headers[name];
  for (const name of Object.keys(added) as (keyof T & string)[]) merged[name] = added[name];
  return merged;
}
