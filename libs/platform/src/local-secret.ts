import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The secret kept in `file`, generated on first use, for a variable left unset: a local `npm start`
 * needs no setup and survives restarts. Readable by the owner only, in a directory created for the
 * owner only; services starting at the same moment all get the one written first.
 */
export function localSecret(file: string): string {
  return readSecret(file) ?? writeOnce(file, randomBytes(32).toString('base64url'));
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = text.trim();
  if (secret === '') throw new Error(`${file} is empty: delete it to have a new secret generated`);
  return secret;
}

// Written whole to a file of its own, then linked to its name: another service starting now sees
// no file or a complete one, never a half-written one, and a link never replaces a secret another
// process put there first (a rename would).
function writeOnce(file: string, secret: string): string {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const draft = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(draft, `${secret}\n`, { mode: 0o600, flag: 'wx', flush: true });
  try {
    linkSync(draft, file);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return localSecret(file);
  } finally {
    unlinkSync(draft);
  }
}
