module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'delivery-transport', rootDir: __dirname };
