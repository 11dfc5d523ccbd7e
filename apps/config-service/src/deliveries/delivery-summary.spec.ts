import { type AttemptFacts, summarize } from './delivery-summary';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute));
const attempts: AttemptFacts[] = [
  { n: 1, at: at(1), outcome: 'retrying', vendorMessage: 'busy' },
  { n: 2, at: at(2), outcome: 'retrying', vendorMessage: 'still busy' },
  { n: 3, at: at(3), outcome: 'delivered', vendorMessage: null },
];

describe('summarize', () => {
  it('takes the status of the highest attempt and the latest vendor message', () => {
    expect(summarize(attempts)).toEqual({ status: 'delivered', attemptCount: 3, vendorMessage: 'still busy', createdAt: at(1), finishedAt: at(3), dueAt: null });
  });

  it('is finished only when the highest attempt ended the delivery', () => {
    expect(summarize([{ n: 1, at: at(1), outcome: 'retrying' }]).finishedAt).toBeNull();
    expect(summarize([{ n: 1, at: at(1), outcome: 'retrying' }, { n: 2, at: at(2), outcome: 'failed' }]).finishedAt).toEqual(at(2));
  });

  it('gives the same answer whatever order the attempts arrived in', () => {
    expect(summarize([attempts[2], attempts[0], attempts[1]])).toEqual(summarize(attempts));
  });

  it('shows the message a delivered attempt carried over the refusal of an earlier one (a manual retry)', () => {
    const refusedThenDelivered: AttemptFacts[] = [
      { n: 2, at: at(9), outcome: 'delivered', vendorMessage: 'Order 6908 synchronised' },
      { n: 1, at: at(1), outcome: 'failed', vendorMessage: 'Customer 42 is blocked' },
    ];
    expect(summarize(refusedThenDelivered)).toMatchObject({ status: 'delivered', vendorMessage: 'Order 6908 synchronised' });
  });

  it('is due when its highest attempt, if retrying, says the next one is, whatever order they arrived in', () => {
    const retrying: AttemptFacts[] = [
      { n: 2, at: at(2), outcome: 'retrying', dueAt: at(7) },
      { n: 1, at: at(1), outcome: 'retrying', dueAt: at(2) },
    ];
    expect(summarize(retrying)).toMatchObject({ status: 'retrying', dueAt: at(7) });
    expect(summarize([...retrying, { n: 3, at: at(7), outcome: 'failed' }]).dueAt).toBeNull();
    // A record without a due time (from before delivery-service sent one) says nothing of it.
    expect(summarize([{ n: 1, at: at(1), outcome: 'retrying' }]).dueAt).toBeNull();
  });

  it('has no vendor message when no attempt carried one', () => {
    expect(summarize([{ n: 1, at: at(1), outcome: 'failed' }])).not.toHaveProperty('vendorMessage');
  });
});
