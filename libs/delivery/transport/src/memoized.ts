/**
 * `compute` remembered per key. Meant for values derived from an endpoint's URL or secret, which
 * repeat on every attempt: once `maxKeys` are held it forgets them all, so a stream of distinct
 * keys costs no more than not remembering.
 */
export function memoized<K, V>(compute: (key: K) => V, maxKeys = 1024): (key: K) => V {
  const values = new Map<K, V>();
  return (key) => {
    let value = values.get(key);
    if (value === undefined) {
      value = compute(key);
      if (values.size >= maxKeys) values.clear();
      values.set(key, value);
    }
    return value;
  };
}
