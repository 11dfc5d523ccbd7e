export * from './plugin-catalog';
export * from './plugin-description';
export * from './subscription-merge';
export * from './subscription-patch.schema';
