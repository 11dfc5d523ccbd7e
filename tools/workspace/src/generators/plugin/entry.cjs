// What Nx loads for `nx g @hookbus/workspace:plugin`: the generator is TypeScript, compiled on load.
require('../../swc-register.cjs');
module.exports = require('./generator.ts');
