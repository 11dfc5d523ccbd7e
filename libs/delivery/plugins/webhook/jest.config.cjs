module.exports = { ...require('../../../../jest.preset.cjs'), displayName: 'plugin-webhook', rootDir: __dirname };
