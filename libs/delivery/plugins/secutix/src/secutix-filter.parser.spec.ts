import { parseFilter } from './secutix-filter.parser';

describe('parseFilter', () => {
  it('parses a plain path', () => {
    expect(parseFilter('OrderDetailsData.OrderType=SALE')).toEqual({
      ok: true,
      filter: { conditions: [{ path: [{ name: 'OrderDetailsData' }, { name: 'OrderType' }], value: 'SALE' }] },
    });
  });

  it('parses the any-element selector', () => {
    expect(parseFilter('OrderDetailsData.OperationDatas(*).ProductCode=XXXX')).toEqual({
      ok: true,
      filter: {
        conditions: [
          {
            path: [{ name: 'OrderDetailsData' }, { name: 'OperationDatas', selector: { kind: 'any' } }, { name: 'ProductCode' }],
            value: 'XXXX',
          },
        ],
      },
    });
  });

  it('parses a field selector and several conditions', () => {
    const result = parseFilter('OrderDetailsData.OperationDatas(ProductCode=XXXX).BasePrice=10000;OrderDetailsData.OrderType=SALE');
    expect(result).toEqual({
      ok: true,
      filter: {
        conditions: [
          {
            path: [
              { name: 'OrderDetailsData' },
              { name: 'OperationDatas', selector: { kind: 'match', field: 'ProductCode', value: 'XXXX' } },
              { name: 'BasePrice' },
            ],
            value: '10000',
          },
          { path: [{ name: 'OrderDetailsData' }, { name: 'OrderType' }], value: 'SALE' },
        ],
      },
    });
  });

  it('ignores spaces around conditions, = and selector parts, and keeps spaces inside values', () => {
    const result = parseFilter(' A( B = x y ).C = red car ; D=1 ');
    expect(result).toEqual({
      ok: true,
      filter: {
        conditions: [
          { path: [{ name: 'A', selector: { kind: 'match', field: 'B', value: 'x y' } }, { name: 'C' }], value: 'red car' },
          { path: [{ name: 'D' }], value: '1' },
        ],
      },
    });
  });

  it('lets a value hold = ( and )', () => {
    expect(parseFilter('A=b=(c)')).toEqual({ ok: true, filter: { conditions: [{ path: [{ name: 'A' }], value: 'b=(c)' }] } });
  });

  it('tolerates one trailing ;', () => {
    expect(parseFilter('A=1;')).toEqual(parseFilter('A=1'));
    expect(parseFilter('A=1 ; ')).toEqual(parseFilter('A=1'));
  });

  it.each([
    // [filter, position, message]
    ['', 0, 'expected a condition (Path=Value)'],
    ['   ', 3, 'expected a condition (Path=Value)'],
    [';A=1', 0, 'expected a condition (Path=Value)'],
    ['A=1;;B=2', 4, 'expected a condition (Path=Value)'],
    ['A=1;;', 4, 'expected a condition (Path=Value)'],
    ['A.B', 3, "expected '=' and a value after the path"],
    ['A.B;C=1', 3, "expected '=' and a value after the path"],
    ['A B=1', 2, "unexpected 'B', expected '.', '(' or '='"],
    ['A(*)B=1', 4, "unexpected 'B', expected '.' or '='"],
    ['A=', 2, "expected a value after '='"],
    ['A=  ;B=1', 2, "expected a value after '='"],
    ['=1', 0, 'expected a field name'],
    ['.A=1', 0, 'expected a field name'],
    ['A..B=1', 2, 'expected a field name'],
    ['A.=1', 2, 'expected a field name'],
    ['A.(*)=1', 2, 'expected a field name'],
    ['#A=1', 0, "unexpected '#', expected a field name"],
    ['A#B=1', 1, "unexpected '#', expected '.', '(' or '='"],
    ['A(=1', 2, 'expected a field name'],
    ['A(', 1, "unclosed '('"],
    ['A(*', 1, "unclosed '('"],
    ['A(*;B=1', 1, "unclosed '('"],
    ['A(Code=X.B=1', 1, "unclosed '('"],
    ['A(Code=X;B=1', 1, "unclosed '('"],
    ['A(*.B=1', 3, "unexpected '.', expected ')' to close the '(' at 1"],
    ['A(*x)=1', 3, "unexpected 'x', expected ')' to close the '(' at 1"],
    ['A()=1', 2, "expected '*' or Field=Value in the selector"],
    ['A(Code)=1', 6, "unexpected ')', expected '='"],
    ['A(Code=)=1', 7, "expected a value after '='"],
  ])('refuses %j at position %d', (text, position, message) => {
    expect(parseFilter(text)).toEqual({ ok: false, position, message });
  });
});
