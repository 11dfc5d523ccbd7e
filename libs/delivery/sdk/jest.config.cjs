module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'delivery-sdk', rootDir: __dirname };
