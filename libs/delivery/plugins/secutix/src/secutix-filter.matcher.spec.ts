import { matchesFilter } from './secutix-filter.matcher';
import { parseFilter } from './secutix-filter.parser';

const orderClosed = {
  orderId: 98765,
  orderDetailsData: {
    orderType: 'SALE',
    orderState: 'CLOSED',
    operationDatas: [
      { productCode: 'XXXX', basePrice: 10000, quantity: 2 },
      { productCode: 'YYYY', basePrice: 2500, quantity: 1, reduced: true },
    ],
  },
};

function matches(text: string, data: unknown = orderClosed): boolean {
  const parsed = parseFilter(text);
  if (!parsed.ok) throw new Error(`bad test filter: ${parsed.message}`);
  return matchesFilter(parsed.filter, data);
}

describe('matchesFilter', () => {
  it('follows paths from data, matching keys case-insensitively', () => {
    expect(matches('OrderDetailsData.OrderType=SALE')).toBe(true);
    expect(matches('orderdetailsdata.ORDERTYPE=SALE')).toBe(true);
    expect(matches('OrderDetailsData.OrderType=RESERVATION')).toBe(false);
  });

  it('compares values case-sensitively', () => {
    expect(matches('OrderDetailsData.OrderType=sale')).toBe(false);
  });

  it('matches any element with (*)', () => {
    expect(matches('OrderDetailsData.OperationDatas(*).ProductCode=XXXX')).toBe(true);
    expect(matches('OrderDetailsData.OperationDatas(*).ProductCode=YYYY')).toBe(true);
    expect(matches('OrderDetailsData.OperationDatas(*).ProductCode=ZZZZ')).toBe(false);
  });

  it('narrows elements with (Field=Value)', () => {
    expect(matches('OrderDetailsData.OperationDatas(ProductCode=XXXX).BasePrice=10000')).toBe(true);
    expect(matches('OrderDetailsData.OperationDatas(ProductCode=YYYY).BasePrice=10000')).toBe(false);
    expect(matches('OrderDetailsData.OperationDatas(productcode=YYYY).BasePrice=2500')).toBe(true);
    expect(matches('OrderDetailsData.OperationDatas(ProductCode=ZZZZ).BasePrice=10000')).toBe(false);
  });

  it('requires every condition', () => {
    expect(matches('OrderDetailsData.OperationDatas(ProductCode=XXXX).BasePrice=10000;OrderDetailsData.OrderType=SALE')).toBe(true);
    expect(matches('OrderDetailsData.OperationDatas(ProductCode=XXXX).BasePrice=10000;OrderDetailsData.OrderType=REFUND')).toBe(false);
  });

  it('compares numbers and booleans in their JSON spelling', () => {
    expect(matches('OrderId=98765')).toBe(true);
    expect(matches('OrderDetailsData.OperationDatas(*).Reduced=true')).toBe(true);
    expect(matches('OrderDetailsData.OperationDatas(Quantity=2).ProductCode=XXXX')).toBe(true);
    expect(matches('OrderDetailsData.OperationDatas(*).BasePrice=10000.00')).toBe(false);
  });

  it('does not match missing paths, objects, arrays or null', () => {
    expect(matches('OrderDetailsData.Missing=x')).toBe(false);
    expect(matches('Nope.OrderType=SALE')).toBe(false);
    expect(matches('OrderDetailsData=[object Object]')).toBe(false);
    expect(matches('OrderDetailsData.OperationDatas.ProductCode=XXXX')).toBe(false);
    expect(matches('Note=null', { note: null })).toBe(false);
    expect(matches('OrderType=SALE', 'SALE')).toBe(false);
  });

  it('treats a single object under a selector as a one-element list', () => {
    expect(matches('OrderDetailsData(*).OrderType=SALE')).toBe(true);
    expect(matches('OrderDetailsData(OrderState=CLOSED).OrderType=SALE')).toBe(true);
  });

  it('matches elements of a list of scalars', () => {
    expect(matches('Tags(*)=vip', { tags: ['new', 'vip'] })).toBe(true);
    expect(matches('Tags(*)=gold', { tags: ['new', 'vip'] })).toBe(false);
  });

  it('prefers the exact key when two differ only in case', () => {
    expect(matches('Code=exact', { code: 'lower', Code: 'exact' })).toBe(true);
  });
});
