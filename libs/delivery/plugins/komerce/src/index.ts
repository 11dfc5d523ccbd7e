export * from './komerce.plugin';
