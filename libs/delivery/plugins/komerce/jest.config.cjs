module.exports = { ...require('../../../../jest.preset.cjs'), displayName: 'plugin-komerce', rootDir: __dirname };
