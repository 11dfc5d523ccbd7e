export * from './webhook.plugin';
export * from './webhook-plugin.module';
