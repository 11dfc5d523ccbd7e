// Test-only entry point (`@hookbus/kafka/testing`): in-process stand-ins for unit tests; the build
// leaves `testing/` folders out, so nothing in a service may import it.
export * from './driven-table-bus';
export * from './in-memory-bus';
