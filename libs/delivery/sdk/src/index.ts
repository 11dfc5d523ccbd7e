// The plugin contract: what a vendor plugin is made of and the helpers its dialect builds on.
// The conformance kit is the test-only entry point `@hookbus/delivery-sdk/testing`.
export * from './auth-headers';
export * from './default-classifier';
export * from './deliverable-plugin';
export * from './delivery-outcome';
export * from './delivery-plugin';
export * from './delivery-plugin.decorator';
export * from './header-value';
export * from './json-int64';
export * from './json-request';
export * from './parse-url';
export * from './plugin-hooks';
export * from './render-error';
export * from './rendered-request';
export * from './retry-after';
export * from './subscription-auth.schema';
export * from './subscription-validation';
export * from './subscription.schema';
