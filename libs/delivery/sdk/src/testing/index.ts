// Test-only entry point (`@hookbus/delivery-sdk/testing`): declares Jest tests, so it must never be
// reachable from the runtime index.
export * from './plugin-conformance';
export * from './test-event';
