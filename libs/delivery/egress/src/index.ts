export * from './address-class';
export * from './cidr-range';
export * from './egress-allow-list';
export * from './ip-address';
