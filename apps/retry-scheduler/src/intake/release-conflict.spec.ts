import { isRetriable } from '@hookbus/kafka';
import { conflictOf, type HeldRelease, ReleaseConflictError } from './release-conflict';

const record = '{"deliveryId":"dlv_a","attempt":2,"event":{"id":"evt_1","data":{"note":"é"}},"manual":false}';
const held: HeldRelease = { recordJson: record };

describe('conflictOf: may a dead letter be dropped as a redelivery of the one held under its release id?', () => {
  it('drops the same record, however its JSON is written', () => {
    expect(conflictOf(held, { recordJson: record })).toBeUndefined();
    const rewritten = '{"manual":false,"event":{"data":{"note":"\\u00e9"},"id":"evt_1"},"attempt":2,"deliveryId":"dlv_a"}';
    expect(conflictOf(held, { recordJson: rewritten })).toBeUndefined();
  });

  it('refuses another record', () => {
    const other = record.replace('"attempt":2', '"attempt":2,"deferrals":1');
    expect(conflictOf(held, { recordJson: other })).toBe('its retry record differs');
  });

  it('is an error the consumer quarantines at once, naming the release id', () => {
    const error = new ReleaseConflictError('dlv_a:2', 'its retry record differs');
    expect(isRetriable(error)).toBe(false);
    expect(`${error.name}: ${error.message}`).toBe('ReleaseConflictError: release id dlv_a:2 already holds another dead letter: its retry record differs');
  });
});
