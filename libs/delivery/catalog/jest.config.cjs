module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'plugin-catalog', rootDir: __dirname };
