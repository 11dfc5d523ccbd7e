module.exports = { ...require('../../jest.preset.cjs'), displayName: 'notifier-service', rootDir: __dirname };
