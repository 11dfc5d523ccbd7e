import { DeliveryBudget } from './delivery-budget';

const deferred = () => {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => ([resolve, reject] = [yes, no]));
  return { promise, resolve, reject };
};
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('DeliveryBudget', () => {
  it('runs at most `limit` deliveries at once and starts the waiting ones in arrival order', async () => {
    const budget = new DeliveryBudget(2);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const runs = gates.map((gate, n) => budget.run(async () => {
      started.push(n);
      await gate.promise;
    }));
    await settle();
    expect(started).toEqual([0, 1]);
    expect(budget.inFlight).toBe(2);

    gates[1].resolve();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    gates[3].resolve();
    gates[4].resolve();
    await Promise.all(runs);
    expect(budget.inFlight).toBe(0);
  });

  it('hands back what a delivery resolved or threw, and frees its place either way', async () => {
    const budget = new DeliveryBudget(1);
    await expect(budget.run(async () => 'sent')).resolves.toBe('sent');
    await expect(budget.run(async () => {
      throw new Error('broker down');
    })).rejects.toThrow('broker down');
    await expect(budget.run(async () => 'again')).resolves.toBe('again');
    expect(budget.inFlight).toBe(0);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new DeliveryBudget(0)).toThrow('positive integer');
  });
});
