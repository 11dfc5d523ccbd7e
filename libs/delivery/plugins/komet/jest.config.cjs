module.exports = { ...require('../../../../jest.preset.cjs'), displayName: 'plugin-komet', rootDir: __dirname };
