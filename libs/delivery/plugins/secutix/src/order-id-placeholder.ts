/** The one placeholder SecuTix knows, replaced by the order id in the URL and the POST payload. */
export const ORDER_ID_PLACEHOLDER = '${orderId}';

export const substituteOrderId = (text: string, orderId: string | number): string =>
  text.split(ORDER_ID_PLACEHOLDER).join(String(orderId));

export const hasOrderIdPlaceholder = (text: string): boolean => text.includes(ORDER_ID_PLACEHOLDER);

/**
 * Describes the first malformed placeholder: any `${…}` other than `${orderId}`, a `{orderId}`
 * without its `$`, and in a URL (where braces have no other use) any stray `{` or `}`.
 */
export function findBadPlaceholder(text: string, { strayBraces }: { strayBraces: boolean }): string | undefined {
  // Blank out the valid placeholders, keeping every other character at its position.
  const rest = text.split(ORDER_ID_PLACEHOLDER).join(' '.repeat(ORDER_ID_PLACEHOLDER.length));
  const pattern = strayBraces ? /\$\{[^}]*\}?|\{\s*orderId\s*\}|[{}]/i : /\$\{[^}]*\}?|\{\s*orderId\s*\}/i;
  const match = pattern.exec(rest);
  if (!match) return undefined;
  const found = match[0];
  const advice = /^\{\s*orderId\s*\}$/i.test(found) ? `write ${ORDER_ID_PLACEHOLDER}` : `the only placeholder is ${ORDER_ID_PLACEHOLDER}`;
  return `"${found}" at position ${match.index} is not a valid placeholder; ${advice}`;
}
