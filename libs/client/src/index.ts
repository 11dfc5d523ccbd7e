export * from './backoff';
export * from './client-errors';
export * from './event-input';
export * from './event-transport';
export * from './hookbus-client';
export * from './http-caller';
export * from './ingest-transport';
export * from './kafka-transport';
