export * from './postback.plugin';
