export * from './backoff';
export * from './client-errors';
export * from './event-input';
export * from './event-transport';
export * from './hookbus-client';
export * from './http-caller';
export * from './ingest-transport';
export * from './kafka-transport';
// The contracts' names a producer's code may need; the published package inlines their types.
export type { EventData, EventType, Origin, ValidationIssue } from '@hookbus/contracts';
