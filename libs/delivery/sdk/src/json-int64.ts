/**
 * An int64 id (a safe integer, or a digit string when it exceeds 2^53) as a JSON number token.
 * Digit strings are written as their digits, unquoted and without leading zeros, so receivers get
 * a number either way and no precision is lost. Throws a RangeError on anything else.
 */
export function jsonInt64(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) {
    const digits = BigInt(value);
    if (digits >= -(2n ** 63n) && digits < 2n ** 63n) return digits.toString();
  }
  throw new RangeError(`${JSON.stringify(value)} is not an int64`);
}
