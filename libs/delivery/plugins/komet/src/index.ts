export * from './komet.plugin';
export * from './komet-plugin.module';
