export * from './poll-until';
export * from './test-kafka';
export * from './topic-inspection';
export * from './test-databases';
