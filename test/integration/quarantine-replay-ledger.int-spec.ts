import { type ConsumedMessage, type KafkaBus, type OutgoingMessage, quarantineMessage } from '@hookbus/kafka';
import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';
// The replay ledger is config-service's own code, tested here on both real databases without a
// process; apps publish no import path, so this spec reaches into the sources.
/* eslint-disable @nx/enforce-module-boundaries */
import { QuarantineReplay } from '../../apps/config-service/src/quarantine/quarantine-replay.entity';
import type { QuarantineReader } from '../../apps/config-service/src/quarantine/quarantine-reader';
import { QuarantineReplayer } from '../../apps/config-service/src/quarantine/quarantine-replayer';
import { QUARANTINE_MIGRATION } from '../../apps/config-service/src/quarantine/quarantine.module-parts';
import { ReplayLedger, STALE_CLAIM_MS } from '../../apps/config-service/src/quarantine/replay-ledger';
/* eslint-enable @nx/enforce-module-boundaries */

const t0 = new Date('2026-03-01T10:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const source = { topic: 'hookbus.events.v1', partition: 1, offset: '5' };

/** A message on the quarantine topic at partition 0, `offset`. */
const quarantined = (offset: string): ConsumedMessage => {
  const original: ConsumedMessage = { topic: 'hookbus.events.v1', partition: 1, offset: '5', key: 'k', value: Buffer.from('v'), headers: {}, timestamp: '0' };
  const { headers } = quarantineMessage(original, { reason: 'r', groupId: 'g', attempts: 1 });
  return { ...original, topic: 'hookbus.events.quarantine.v1', partition: 0, offset, headers: headers ?? {} };
};

describe.each(testDatabases())('quarantine replay ledger on $label', (database) => {
  let db: OpenDatabase;
  let ledger: ReplayLedger;

  beforeAll(async () => {
    await database.create();
    db = await openDatabase({ url: database.url, entities: [QuarantineReplay], migrations: [QUARANTINE_MIGRATION], name: 'replay-test' });
    ledger = new ReplayLedger(db.orm.em);
  });
  afterAll(async () => {
    await db?.close();
    await database.drop();
  });

  it('lets one caller claim a message; a second claim fails until the first is stale, never once it is replayed', async () => {
    expect(await ledger.claim('0:1', source, t0)).toBe(true);
    expect(await ledger.claim('0:1', source, later(1000))).toBe(false);
    expect(await ledger.claim('0:1', source, later(STALE_CLAIM_MS + 1))).toBe(true);

    await ledger.markReplayed(['0:1'], later(STALE_CLAIM_MS + 2));

    expect(await ledger.claim('0:1', source, later(10 * STALE_CLAIM_MS))).toBe(false);
    expect(await ledger.replayedAt(['0:1', '0:2'])).toEqual(new Map([['0:1', later(STALE_CLAIM_MS + 2)]]));
  });

  it('gives a claim back after a failed publish, but never a replayed one', async () => {
    expect(await ledger.claim('0:3', source, t0)).toBe(true);
    await ledger.release(['0:3', '0:1']);

    expect(await ledger.claim('0:3', source, later(1))).toBe(true);
    expect(await ledger.replayedAt(['0:1'])).toEqual(new Map([['0:1', expect.any(Date)]]));
  });

  it('releases the claims of a replay Kafka refused, so the next request replays them', async () => {
    const reader = { byIds: async (ids: string[]) => new Map(ids.map((id) => [id, quarantined(id.split(':')[1])])) } as unknown as QuarantineReader;
    const published: OutgoingMessage[] = [];
    let kafkaUp = false;
    const bus = {
      publish: async (_topic: string, messages: OutgoingMessage[]) => {
        if (!kafkaUp) throw new Error('broker down');
        published.push(...messages);
      },
    } as unknown as KafkaBus;
    const replayer = new QuarantineReplayer(reader, ledger, bus);

    await expect(replayer.replay({ ids: ['0:7'] })).rejects.toMatchObject({ status: 503 });
    kafkaUp = true;

    expect(await replayer.replay({ ids: ['0:7'] })).toEqual({ replayed: ['0:7'], skipped: [], notFound: [] });
    expect(await replayer.replay({ ids: ['0:7'] })).toEqual({ replayed: [], skipped: ['0:7'], notFound: [] });
    expect(published).toHaveLength(1);
  });
});
