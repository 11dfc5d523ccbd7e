export * from './egress-policy';
export * from './egress-refused.error';
export * from './guarded-connector';
export * from './http-sender';
export * from './send-result';
export * from './transport-error';
export * from './webhook-signature';
export * from './flow';
