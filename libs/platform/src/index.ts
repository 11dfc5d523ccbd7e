export * from './env';
export * from './health.module';
export * from './metrics';
export * from './platform.module';
export * from './problem';
export * from './readiness-check';
export * from './service-bootstrap';
