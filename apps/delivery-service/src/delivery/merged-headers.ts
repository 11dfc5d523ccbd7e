/** Header names and their values; an interface (the signature's headers) as well as a record. */
type HeaderSet<T> = { readonly [K in keyof T]: string };

/**
 * `{ ...headers, ...added, ...more }`, copied key by key: V8 adds keys to a spread copy slowly, and
 * this runs on every attempt.
 */
export function withHeaders<T extends HeaderSet<T>, U extends HeaderSet<U> = Record<never, string>>(
  headers: Readonly<Record<string, string>>,
  added: T,
  more?: U,
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const name of Object.keys(headers)) merged[name] = headers[name];
  for (const name of Object.keys(added) as (keyof T & string)[]) merged[name] = added[name];
  if (more) for (const name of Object.keys(more) as (keyof U & string)[]) merged[name] = more[name];
  return merged;
}
