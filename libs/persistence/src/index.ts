export * from './database-env';
export * from './database-readiness';
export * from './database-url';
export * from './migrate';
export * from './open-database';
export * from './persistence-options';
export * from './persistence.module';
export * from './schema-migration';
