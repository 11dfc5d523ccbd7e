export * from './komet.plugin';
