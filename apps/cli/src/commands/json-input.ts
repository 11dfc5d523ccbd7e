import { readFileSync } from 'node:fs';
import { UsageError } from '../cli-arguments';

/** The JSON of option `--<name>`, or a UsageError naming the option and what is wrong. */
export function jsonOption(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--${name}: is not JSON (${(error as Error).message})`);
  }
}

/** The JSON in the file option `--<name>` names. */
export function jsonFileOption(name: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return jsonOption(name, text);
}

/** `a, b,c` as `['a', 'b', 'c']`. */
export const listOption = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
