import type { SubscriptionSnapshotV1 } from '@hookbus/contracts';
import { SubscriptionIndex } from './subscription-index';

const snapshot = (id: string, overrides: Partial<SubscriptionSnapshotV1> = {}) =>
  ({ id, tenantId: 'tnt_a', plugin: 'komet', hook: 'order-confirmation', enabled: true, status: 'active', version: 1, ...overrides }) as SubscriptionSnapshotV1;
const hooks = (entries: [string, string[]][]) => new Map(entries.map(([plugin, names]) => [plugin, new Set(names)]));
const KOMET_CONFIRMATION = hooks([['komet', ['order-confirmation']]]);
const ids = (found: SubscriptionSnapshotV1[]) => found.map(({ id }) => id);

describe('SubscriptionIndex', () => {
  it('finds a tenant’s subscriptions on the asked routes only', () => {
    const index = new SubscriptionIndex();
    index.replace(undefined, snapshot('sub_1'));
    index.replace(undefined, snapshot('sub_2', { hook: 'order-cancellation' }));
    index.replace(undefined, snapshot('sub_3', { plugin: 'komerce', hook: 'order-confirmation' }));
    index.replace(undefined, snapshot('sub_4', { tenantId: 'tnt_b' }));

    expect(ids(index.find('tnt_a', KOMET_CONFIRMATION))).toEqual(['sub_1']);
    expect(ids(index.find('tnt_a', hooks([['komet', ['order-confirmation', 'order-cancellation']], ['komerce', ['order-confirmation']]])))).toEqual(['sub_1', 'sub_2', 'sub_3']);
    expect(ids(index.find('tnt_b', KOMET_CONFIRMATION))).toEqual(['sub_4']);
    expect(index.find('tnt_unknown', KOMET_CONFIRMATION)).toEqual([]);
    expect(index.find('tnt_a', new Map())).toEqual([]);
  });

  it('moves a subscription whose route changed and forgets a removed one', () => {
    const index = new SubscriptionIndex();
    const before = snapshot('sub_1');
    const after = snapshot('sub_1', { hook: 'order-cancellation', version: 2 });
    index.replace(undefined, before);
    index.replace(before, after);

    expect(index.find('tnt_a', KOMET_CONFIRMATION)).toEqual([]);
    expect(index.find('tnt_a', hooks([['komet', ['order-cancellation']]]))).toEqual([after]);
    index.replace(after, undefined);
    expect(index.find('tnt_a', hooks([['komet', ['order-cancellation']]]))).toEqual([]);
  });

  it('holds the latest snapshot of an id once, however often it was replaced', () => {
    const index = new SubscriptionIndex();
    let held: SubscriptionSnapshotV1 | undefined;
    for (let version = 1; version <= 3; version += 1) {
      const next = snapshot('sub_1', { version });
      index.replace(held, next);
      held = next;
    }
    expect(index.find('tnt_a', KOMET_CONFIRMATION)).toEqual([held]);
  });

  it('never reads another tenant’s subscriptions to answer', () => {
    const index = new SubscriptionIndex();
    const others = Array.from({ length: 1_000 }, (_, n) => snapshot(`sub_other_${n}`, { tenantId: `tnt_${n}` }));
    for (const other of others) index.replace(undefined, other);
    index.replace(undefined, snapshot('sub_mine'));
    // A lookup that scanned the whole view would read these fields.
    for (const other of others) {
      for (const field of ['tenantId', 'plugin', 'hook', 'enabled', 'status'] as const) {
        Object.defineProperty(other, field, { get: () => { throw new Error(`read ${other.id}.${field}`); } });
      }
    }
    expect(ids(index.find('tnt_a', KOMET_CONFIRMATION))).toEqual(['sub_mine']);
  });
});
