export * from './trace-context';
export * from './traced-logger';
export * from './tracing-sdk';
export * from './consumer-span';
