// The console's pure logic (what a plugin's JSON Schema makes of a form); its pages are tested in Chromium (test/console).
module.exports = { ...require('../../jest.preset.cjs'), displayName: 'console', rootDir: __dirname };
