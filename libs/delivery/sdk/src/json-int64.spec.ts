import { jsonInt64 } from './json-int64';

describe('jsonInt64', () => {
  it.each([
    [6316, '6316'],
    [0, '0'],
    [-42, '-42'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
    ['6908', '6908'],
    ['9007199254740993', '9007199254740993'],
    ['9223372036854775807', '9223372036854775807'],
    ['-9223372036854775808', '-9223372036854775808'],
    ['007', '7'],
  ])('writes %j as %s', (value, text) => {
    expect(jsonInt64(value)).toBe(text);
    expect(JSON.parse(`[${jsonInt64(value)}]`)).toHaveLength(1);
  });

  it.each([1.5, Number.MAX_SAFE_INTEGER + 1, NaN, '12a', '', '9223372036854775808', '1e3', null, undefined, {}])('refuses %j', (value) => {
    expect(() => jsonInt64(value)).toThrow(RangeError);
  });
});
