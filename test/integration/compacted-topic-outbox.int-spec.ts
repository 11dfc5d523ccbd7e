import { Logger } from '@nestjs/common';
import { Topics } from '@hookbus/contracts';
import { InMemoryBus } from '@hookbus/kafka/testing';
import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';
// config-service's outbox on both real databases. Apps publish no import path, so this spec reaches into its sources.
/* eslint-disable @nx/enforce-module-boundaries */
import { CONFIG_MIGRATIONS } from '../../apps/config-service/src/migrations/0001-control-plane';
import { ApiKeyOutbox0006 } from '../../apps/config-service/src/migrations/0006-api-key-outbox';
import { ApiKeyPublisher } from '../../apps/config-service/src/tenants/api-key-publisher';
import { ApiKey } from '../../apps/config-service/src/tenants/api-key.entity';
/* eslint-enable @nx/enforce-module-boundaries */

/** More rows than the outbox reads at a time, and not a multiple of it. */
const ROWS = 2_345;

describe.each(testDatabases())('the compacted-topic outbox on $label', (database) => {
  let db: OpenDatabase;

  beforeAll(async () => {
    await database.create();
    db = await openDatabase({
      url: database.url,
      entities: [ApiKey],
      migrations: [...CONFIG_MIGRATIONS, { name: '0006-api-key-outbox', class: ApiKeyOutbox0006 }],
      name: 'outbox-int',
    });
  });
  afterAll(async () => {
    await db?.close();
    await database.drop();
  });

  it('republishes a table larger than a page at start, every row once in id order, and marks the ones not yet published', async () => {
    const em = db.orm.em.fork();
    const ids = Array.from({ length: ROWS }, (_, n) => `key_${String(n).padStart(5, '0')}`);
    // Every tenth row was changed after its last publish (version 2, published 1).
    await em.insertMany(ApiKey, ids.map((id, n) => ({ id, tenantId: `tnt_${n % 7}`, secretHash: 'f'.repeat(64), roles: ['producer'], createdAt: new Date(), version: n % 10 === 0 ? 2 : 1, publishedVersion: 1 })));

    const bus = new InMemoryBus();
    const publisher = new ApiKeyPublisher(db.orm.em, bus.asKafkaBus());
    publisher.onApplicationBootstrap();
    await publisher.republished();
    publisher.onModuleDestroy();

    expect(bus.topics().every((topic) => topic === Topics.apiKeys.name)).toBe(true);
    expect(bus.published.map(({ key }) => key)).toEqual(ids);
    const changed = Math.ceil(ROWS / 10);
    expect(await db.orm.em.fork().count(ApiKey, { publishedVersion: 2 })).toBe(changed);
    expect(await db.orm.em.fork().count(ApiKey, { publishedVersion: 1, version: 1 })).toBe(ROWS - changed);
  });
});

describe('the compacted-topic outbox when the broker refuses', () => {
  it('keeps republishing at start until the broker takes the table, without holding up the start', async () => {
    const database = testDatabases()[0];
    const db = await openDatabase({ url: database.url, entities: [ApiKey], migrations: [...CONFIG_MIGRATIONS, { name: '0006-api-key-outbox', class: ApiKeyOutbox0006 }], name: 'outbox-refused' });
    try {
      await db.orm.em.fork().insert(ApiKey, { id: 'key_1', tenantId: 'tnt_1', secretHash: 'f'.repeat(64), roles: ['producer'], createdAt: new Date(), version: 1, publishedVersion: 1 });
      const bus = new InMemoryBus();
      bus.refuseNext(Topics.apiKeys.name);
      const publisher = new ApiKeyPublisher(db.orm.em, bus.asKafkaBus());
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

      publisher.onApplicationBootstrap();
      expect(bus.published).toEqual([]);
      await publisher.republished();
      publisher.onModuleDestroy();
      expect(bus.published.map(({ key }) => key)).toEqual(['key_1']);
    } finally {
      jest.restoreAllMocks();
      await db.close();
      await database.drop();
    }
  });
});
