// `npm test` runs every project in one Jest process (tools/test.mjs starts Kafka first).
module.exports = {
  projects: ['<rootDir>/apps/*', '<rootDir>/libs/*', '<rootDir>/test'],
};
