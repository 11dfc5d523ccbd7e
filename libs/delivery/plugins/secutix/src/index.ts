export * from './order-id-placeholder';
export * from './secutix-filter';
export * from './secutix-filter.matcher';
export * from './secutix-filter.parser';
export * from './secutix-settings.schema';
export * from './secutix.plugin';
export * from './secutix-request';
export * from './secutix-plugin.module';
