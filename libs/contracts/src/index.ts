export * from './cloud-event';
export * from './cloud-event-binary';
export * from './delivery-records';
export * from './event-types';
export * from './masked-url';
export * from './subscription-snapshot';
export * from './topics';
export * from './validation';
