module.exports = { ...require('../../jest.preset.cjs'), displayName: 'delivery-service', rootDir: __dirname };
