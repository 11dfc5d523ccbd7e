export * from './adaptive-limit';
export * from './admission';
export * from './circuit-breaker';
export * from './endpoint-flow-settings';
export * from './endpoint-gate';
export * from './endpoint-gates';
export * from './subscription-pacer';
