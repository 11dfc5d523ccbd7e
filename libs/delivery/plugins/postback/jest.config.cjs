module.exports = { ...require('../../../../jest.preset.cjs'), displayName: 'plugin-postback', rootDir: __dirname };
