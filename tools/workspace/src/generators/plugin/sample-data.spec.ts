import { EVENT_TYPES, EventTypes } from '@hookbus/contracts';
import { sampleData, tsLiteral, tsString } from './sample-data';

describe('sampleData', () => {
  it.each(EVENT_TYPES)('is valid %s data', (type) => {
    expect(EventTypes[type].data.safeParse(sampleData(type)).error).toBeUndefined();
  });
});

describe('tsLiteral', () => {
  // The literal is JavaScript too, so evaluating it must give the value back.
  const evaluate = (source: string): unknown => new Function(`return ${source};`)();

  it.each([
    [{ companyId: 6316, orderId: 6908 }, '{ companyId: 6316, orderId: 6908 }'],
    [{ 'odd-key': "it's", list: [1, { a: true }], none: null, empty: {} }, "{ 'odd-key': 'it\\'s', list: [1, { a: true }], none: null, empty: {} }"],
  ])('writes %j as %s', (value, source) => {
    expect(tsLiteral(value)).toBe(source);
    expect(evaluate(tsLiteral(value))).toEqual(value);
  });

  it('escapes quotes and backslashes in strings', () => {
    expect(evaluate(tsString("O'Reilly \\ Sons"))).toBe("O'Reilly \\ Sons");
  });
});
