import { Entity, EntityManager, MikroORM, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Controller, Get, Inject, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DatabaseReadiness, openDatabase, PersistenceModule, SchemaMigration } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';

@Entity({ tableName: 'widgets' })
class Widget {
  // Properties `em.create` may leave out: they have defaults.
  [OptionalProps]?: 'enabled' | 'createdAt' | 'color';

  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'json' })
  tags!: string[];

  @Property({ type: 'boolean' })
  enabled = true;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  // Added by the second migration.
  @Property({ type: 'string', length: 20, default: 'unset?' })
  color?: string;
}

class CreateWidgets extends SchemaMigration {
  override up(): void {
    this.schema((schema) =>
      schema.createTable('widgets', (table) => {
        table.string('id', 40).primary();
        table.string('name', 100).notNullable();
        table.json('tags').notNullable();
        table.boolean('enabled').notNullable();
        table.timestamp('created_at', { useTz: true }).notNullable();
      }),
    );
  }
}

class AddWidgetColor extends SchemaMigration {
  override up(): void {
    // The `?` must survive: DDL is not a query with placeholders.
    this.schema((schema) => schema.alterTable('widgets', (table) => void table.string('color', 20).notNullable().defaultTo('unset?')));
  }
}

class DropWidgetColor extends SchemaMigration {
  override up(): void {
    this.schema((schema) => schema.alterTable('widgets', (table) => void table.dropColumn('color')));
  }
}

class IndexWidgetNames extends SchemaMigration {
  override up(): void {
    this.schema((schema) => schema.alterTable('widgets', (table) => void table.index(['name'], 'widgets_name_idx')));
  }
}

const migrations = [
  { name: '20250101000000-create-widgets', class: CreateWidgets },
  { name: '20250102000000-add-widget-color', class: AddWidgetColor },
];

@Controller('widgets')
class WidgetsController {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  // Uses the request's own EntityManager: the global one refuses context-specific work.
  @Get()
  async list(): Promise<string[]> {
    return (await this.em.find(Widget, {}, { orderBy: { id: 'asc' } })).map((widget) => widget.name);
  }
}

describe.each(testDatabases())('persistence on $label', (database) => {
  beforeAll(() => database.create());
  afterAll(() => database.drop());

  it('applies each migration once at open (on PostgreSQL, also when replicas open a fresh database together)', async () => {
    // SQLite is one process's local file; PostgreSQL is shared by every replica of a service.
    const replicas = database.label === 'postgresql' ? 2 : 1;
    const opened = await Promise.all(
      Array.from({ length: replicas }, () => openDatabase({ url: database.url, entities: [Widget], migrations })),
    );
    try {
      expect(opened.flatMap((db) => db.applied).sort()).toEqual(migrations.map((migration) => migration.name));
    } finally {
      await Promise.all(opened.map((db) => db.close()));
    }
  });

  it('round-trips entities, with column defaults', async () => {
    const db = await openDatabase({ url: database.url, entities: [Widget], migrations });
    try {
      const createdAt = new Date('2025-03-04T05:06:07.890Z');
      const em = db.orm.em.fork();
      em.create(Widget, { id: 'w1', name: 'first', tags: ['a', 'b'], enabled: false, createdAt, color: 'red' });
      em.create(Widget, { id: 'w2', name: 'second', tags: [] });
      await em.flush();

      const [first, second] = await db.orm.em.fork().find(Widget, {}, { orderBy: { id: 'asc' } });
      expect(first).toMatchObject({ name: 'first', tags: ['a', 'b'], enabled: false, color: 'red' });
      expect(first.createdAt).toEqual(createdAt);
      expect(second).toMatchObject({ name: 'second', tags: [], enabled: true, color: 'unset?' });
    } finally {
      await db.close();
    }
  });

  it('runs no migration twice when reopened', async () => {
    const db = await openDatabase({ url: database.url, entities: [Widget], migrations });
    try {
      expect(db.applied).toEqual([]);
      const executed = await db.orm.getMigrator().getExecutedMigrations();
      expect(executed.map((migration) => migration.name)).toEqual(migrations.map((migration) => migration.name));
      expect(await db.orm.em.fork().count(Widget)).toBe(2);
    } finally {
      await db.close();
    }
  });

  if (database.label === 'sqlite') {
    it('tunes every SQLite connection: page cache, checkpoint interval, write-ahead log', async () => {
      const db = await openDatabase({ url: database.url, entities: [Widget], migrations });
      try {
        const pragma = async (name: string) => Object.values((await db.orm.em.getConnection().execute(`pragma ${name}`))[0])[0];
        expect(await pragma('cache_size')).toBe(-32768);
        expect(await pragma('wal_autocheckpoint')).toBe(10000);
        expect(await pragma('journal_mode')).toBe('wal');
        // FULL stays: what is committed survives a power cut, and Kafka offsets are committed after it.
        expect(await pragma('synchronous')).toBe(2);
      } finally {
        await db.close();
      }
    });
  }

  it('refuses, on every database, a change that SQLite makes only by rebuilding the table', async () => {
    const dropColumn = [...migrations, { name: '20250109000000-drop-widget-color', class: DropWidgetColor }];
    await expect(openDatabase({ url: database.url, entities: [Widget], migrations: dropColumn })).rejects.toThrow(
      'DropWidgetColor: SQLite can make this change only by rebuilding the table',
    );
  });

  it('is ready while connected and not after closing', async () => {
    const db = await openDatabase({ url: database.url, entities: [Widget], migrations });
    const readiness = new DatabaseReadiness(db.orm);
    expect(readiness.name).toBe('database');
    await expect(readiness.check()).resolves.toBeUndefined();
    await db.close();
    await expect(readiness.check()).rejects.toThrow();
  });

  describe('in a Nest app', () => {
    let app: INestApplication;

    beforeAll(async () => {
      @Module({
        imports: [
          PersistenceModule.forRoot({
            url: database.url,
            entities: [Widget],
            migrations: [...migrations, { name: '20250103000000-index-widget-names', class: IndexWidgetNames }],
            name: 'persistence-test',
          }),
        ],
        controllers: [WidgetsController],
      })
      class AppModule {}
      app = await NestFactory.create(AppModule, { logger: false });
      await app.listen(0, '127.0.0.1');
    });

    afterAll(() => app?.close());

    it('applies the pending migration at start', async () => {
      const executed = await app.get(MikroORM).getMigrator().getExecutedMigrations();
      expect(executed.map((migration) => migration.name)).toContain('20250103000000-index-widget-names');
    });

    it('serves requests through a request-scoped EntityManager', async () => {
      const response = await fetch(`${await app.getUrl()}/widgets`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(['first', 'second']);
    });

    it('provides the database readiness check', async () => {
      const readiness = app.get(DatabaseReadiness);
      await expect(readiness.check()).resolves.toBeUndefined();
    });
  });
});
