module.exports = { ...require('../../../../jest.preset.cjs'), displayName: 'plugin-secutix', rootDir: __dirname };
