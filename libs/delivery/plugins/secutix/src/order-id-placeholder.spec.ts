import { findBadPlaceholder, hasOrderIdPlaceholder, substituteOrderId } from './order-id-placeholder';

describe('order id placeholder', () => {
  it('substitutes every occurrence', () => {
    expect(substituteOrderId('http://x/${orderId}/y?id=${orderId}', 42)).toBe('http://x/42/y?id=42');
    expect(hasOrderIdPlaceholder('http://x/${orderId}')).toBe(true);
    expect(hasOrderIdPlaceholder('http://x/{orderId}')).toBe(false);
  });

  it.each(['http://x/${orderId}', 'http://x/path/?data=${orderId}', 'http://x/path/${orderId}?update=true', 'http://x/plain'])(
    'finds nothing wrong in %s',
    (url) => {
      expect(findBadPlaceholder(url, { strayBraces: true })).toBeUndefined();
    },
  );

  it.each([
    ['http://x/?data={orderId}', '"{orderId}" at position 15 is not a valid placeholder; write ${orderId}'],
    ['http://x/?data=${order id}', '"${order id}" at position 15 is not a valid placeholder; the only placeholder is ${orderId}'],
    ['http://x/${orderid}', '"${orderid}" at position 9 is not a valid placeholder; the only placeholder is ${orderId}'],
    ['http://x/${customerId}', '"${customerId}" at position 9 is not a valid placeholder; the only placeholder is ${orderId}'],
    ['http://x/${orderId', '"${orderId" at position 9 is not a valid placeholder; the only placeholder is ${orderId}'],
    ['http://x/${orderId}/${}', '"${}" at position 20 is not a valid placeholder; the only placeholder is ${orderId}'],
    ['http://x/a}b', '"}" at position 10 is not a valid placeholder; the only placeholder is ${orderId}'],
  ])('explains what is wrong in %s', (url, message) => {
    expect(findBadPlaceholder(url, { strayBraces: true })).toBe(message);
  });

  it('lets JSON braces be in a payload but not other placeholders', () => {
    expect(findBadPlaceholder('{"id": ${orderId}, "x": {}}', { strayBraces: false })).toBeUndefined();
    expect(findBadPlaceholder('{"id": "${order}"}', { strayBraces: false })).toMatch(/^"\$\{order\}" at position 8/);
    expect(findBadPlaceholder('{"id": "{orderId}"}', { strayBraces: false })).toMatch(/write \$\{orderId\}$/);
  });
});
