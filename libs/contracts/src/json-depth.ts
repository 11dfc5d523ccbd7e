/**
 * Whether a parsed JSON value nests objects or arrays deeper than `limit` levels (`{}` and `[]`
 * are one level, a scalar none). It stops looking one level past the limit, so a hostile value
 * costs no more than a legal one.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => nestsDeeperThan(child, limit - 1));
}
