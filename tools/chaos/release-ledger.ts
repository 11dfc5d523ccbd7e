import { Client } from 'pg';

/** What retry-scheduler's store says of its releases: each row is one dead letter, with when it was due and went out. */
export async function releaseCounts(databaseUrl: string): Promise<{ released: number; early: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*) filter (where released_at is not null) as released, count(*) filter (where released_at < due_at) as early from pending_releases`,
    );
    return { released: Number(rows[0].released), early: Number(rows[0].early) };
  } finally {
    await client.end();
  }
}
