module.exports = { ...require('../../jest.preset.cjs'), displayName: 'ingest-service', rootDir: __dirname };
