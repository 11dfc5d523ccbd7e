import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

// The bench's delivery-log loader (an ES module) on a real SQLite, in a Node of its own.
const script = `
import Database from 'libsql';
import { deliveryIdOf, loadStatements, subjectOf } from './tools/bench/scale/delivery-log-shape.mjs';
const db = new Database(':memory:');
db.exec('create table deliveries (id, tenant_id, event_id, subscription_id, subject, plugin, hook, status, vendor_message, attempt_count, event, due_at, finished_at, created_at, updated_at)');
const { deliveries } = loadStatements('sqlite', { startMs: Date.parse('2026-11-01T00:00:00Z'), stepMs: 172, measuredTenant: 'tnt_measured' });
const rows = JSON.parse(process.argv[1]);
for (const i of rows) db.prepare(deliveries).run(i, i);
const loaded = db.prepare('select id, subject from deliveries order by rowid').all();
console.log(JSON.stringify({ loaded, expected: rows.map((i) => ({ id: deliveryIdOf(i), subject: subjectOf(i) })) }));
`;

describe('the delivery-log bench loader on SQLite', () => {
  it('writes the ids and subjects the bench asks for, also past the rows whose hashes exceed 2^53', () => {
    const rows = [1, 15, 999_990, 5_319_255, 9_999_990];
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(rows)], { cwd: root, encoding: 'utf8' });
    const { loaded, expected } = JSON.parse(output) as { loaded: unknown[]; expected: unknown[] };
    expect(loaded).toEqual(expected);
  });
});
