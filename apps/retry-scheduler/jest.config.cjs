module.exports = { ...require('../../jest.preset.cjs'), displayName: 'retry-scheduler', rootDir: __dirname };
