// `npm test` runs every project in one Jest process (tools/test.mjs starts Kafka first).
module.exports = {
  projects: ['<rootDir>/apps/*', '<rootDir>/libs/*', '<rootDir>/test'],
  // Integration and end-to-end tests wait on a real broker and real processes; they poll, never sleep.
  testTimeout: 60_000,
};
