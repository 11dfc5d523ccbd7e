export * from './postback.plugin';
export * from './postback-request';
export * from './postback-plugin.module';
