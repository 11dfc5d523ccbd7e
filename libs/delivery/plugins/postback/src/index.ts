export * from './postback.plugin';
export * from './postback-request';
