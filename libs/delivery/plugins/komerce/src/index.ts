export * from './komerce.plugin';
export * from './komerce-plugin.module';
