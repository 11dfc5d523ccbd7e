import { isRetriable } from '@hookbus/kafka';
import { conflictOf, type HeldRelease, ReleaseConflictError } from './release-conflict';

const due = new Date('2026-03-01T12:05:00.000Z');
const later = new Date('2026-03-01T12:05:07.000Z');
const record = '{"deliveryId":"dlv_a","attempt":2,"event":{"id":"evt_1","data":{"note":"é"}},"manual":false}';
const pending: HeldRelease = { dueAt: due, recordJson: record, releasedAt: null };
const released: HeldRelease = { ...pending, releasedAt: new Date('2026-03-01T12:05:00.300Z') };

describe('conflictOf: may a dead letter be dropped as a redelivery of the one held under its release id?', () => {
  it('drops the same record due at the same time, pending or released, however its JSON is written', () => {
    expect(conflictOf(pending, { dueAt: new Date(due), recordJson: record })).toBeUndefined();
    expect(conflictOf(released, { dueAt: new Date(due), recordJson: record })).toBeUndefined();
    const rewritten = '{"manual":false,"event":{"data":{"note":"\\u00e9"},"id":"evt_1"},"attempt":2,"deliveryId":"dlv_a"}';
    expect(conflictOf(released, { dueAt: due, recordJson: rewritten })).toBeUndefined();
  });

  it('drops the same record due at another time while the held one is pending: that release stands for both', () => {
    expect(conflictOf(pending, { dueAt: later, recordJson: record })).toBeUndefined();
  });

  it('refuses the same record due at another time once the held one was released: it may be the next one', () => {
    expect(conflictOf(released, { dueAt: later, recordJson: record })).toBe(
      'it is due 2026-03-01T12:05:07.000Z, the one released 2026-03-01T12:05:00.300Z was due 2026-03-01T12:05:00.000Z',
    );
  });

  it('refuses another record, pending or released, whenever it is due', () => {
    const other = record.replace('"attempt":2', '"attempt":2,"deferrals":1');
    expect(conflictOf(pending, { dueAt: due, recordJson: other })).toBe('its retry record differs');
    expect(conflictOf(released, { dueAt: due, recordJson: other })).toBe('its retry record differs');
  });

  it('is an error the consumer quarantines at once, naming the release id', () => {
    const error = new ReleaseConflictError('dlv_a:2', 'its retry record differs');
    expect(isRetriable(error)).toBe(false);
    expect(`${error.name}: ${error.message}`).toBe('ReleaseConflictError: release id dlv_a:2 already holds another dead letter: its retry record differs');
  });
});
