import { deliveryId } from './delivery-records';

describe('deliveryId', () => {
  it('is stable for the same event and subscription', () => {
    expect(deliveryId('evt-1', 'sub-1')).toBe(deliveryId('evt-1', 'sub-1'));
  });

  it('keeps the value earlier versions derived, so deliveries logged before an upgrade keep their id', () => {
    expect(deliveryId('evt-1', 'sub-1')).toBe('dlv_9I2pgGbO2TMnPcXcK0DijAGKeD');
  });

  it('differs when either part differs, even if the concatenation is the same', () => {
    const ids = new Set([deliveryId('evt-1', 'sub-1'), deliveryId('evt-1', 'sub-2'), deliveryId('evt-1s', 'ub-1')]);
    expect(ids.size).toBe(3);
  });
});
