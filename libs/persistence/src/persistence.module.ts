import { type AnyEntity, type EntityClass, MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type DynamicModule, Inject, Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { DatabaseReadiness } from './database-readiness';
import { migrate } from './migrate';
import { ormOptions } from './orm-options';
import type { PersistenceOptions } from './persistence-options';
import { privateDatabaseFile } from './private-database-file';

const SERVICE_NAME = Symbol('PERSISTENCE_SERVICE_NAME');

// Global modules run their init hooks before every other module's, so the schema is current before
// any service code starts using it.
@Injectable()
class StartupMigrations implements OnModuleInit {
  constructor(
    @Inject(MikroORM) private readonly orm: MikroORM,
    @Inject(SERVICE_NAME) private readonly name: string,
  ) {}

  async onModuleInit(): Promise<void> {
    const applied = await migrate(this.orm);
    if (applied.length > 0) new Logger(this.name).log(`applied migrations: ${applied.join(', ')}`);
  }
}

/**
 * The service's database through MikroORM. Global: `EntityManager` and `MikroORM` (from
 * `@mikro-orm/core`) and `DatabaseReadiness` can be injected anywhere. Each HTTP request gets its
 * own forked EntityManager (request context); code outside a request (Kafka handlers, timers)
 * must open one: `@CreateRequestContext()` on the method, or `em.fork()`.
 */
@Module({})
export class PersistenceModule {
  /** Connects to `url` and applies the pending `migrations` before the app starts. */
  static forRoot(options: PersistenceOptions): DynamicModule {
    // Before the driver creates the file with the process's default permissions.
    privateDatabaseFile(options.url);
    return {
      module: PersistenceModule,
      global: true,
      imports: [MikroOrmModule.forRoot({ ...ormOptions(options), registerRequestContext: true })],
      providers: [{ provide: SERVICE_NAME, useValue: options.name ?? 'persistence' }, StartupMigrations, DatabaseReadiness],
      exports: [DatabaseReadiness],
    };
  }

  /** Injectable repositories (`@InjectRepository(Entity)`) for a feature module. */
  static forFeature(entities: readonly EntityClass<AnyEntity>[]): DynamicModule {
    return MikroOrmModule.forFeature([...entities]);
  }
}
