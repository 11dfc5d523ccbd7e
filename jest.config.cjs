// `npm test` runs every project in one Jest process (tools/test.mjs starts Kafka first).
// A project is any folder under apps/, libs/ or test/ with its own jest.config.cjs, and the
// workspace's Nx generators (tools/workspace).
const { readdirSync } = require('node:fs');
const path = require('node:path');

function projectsUnder(dir) {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((entry) => entry.name === 'jest.config.cjs')) return [dir];
  return entries
    .filter((entry) => entry.isDirectory() && !['node_modules', 'src'].includes(entry.name))
    .flatMap((entry) => projectsUnder(path.join(dir, entry.name)));
}

module.exports = {
  projects: [...['apps', 'libs', 'test'].flatMap((dir) => projectsUnder(path.join(__dirname, dir))), path.join(__dirname, 'tools', 'workspace')],
  // Integration and end-to-end tests wait on a real broker and real processes; they poll, never sleep.
  testTimeout: 60_000,
};
