import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The value of `variable` if set; otherwise one generated on first use and kept in `file`
 * (readable by the owner only), so a local `npm start` needs no setup and survives restarts.
 */
export function envOrLocalSecret(env: NodeJS.ProcessEnv, variable: string, file: string): string {
  const fromEnv = env[variable]?.trim();
  if (fromEnv) return fromEnv;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const generated = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
    return generated;
  } catch (error) {
    // Two services starting together: the first one's secret wins, the other reads it.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8').trim();
  }
}
