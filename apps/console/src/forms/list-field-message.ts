import { ProblemError } from '../api/problem';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The server's messages about a list field in words that point at the entry: `errorEmails.3` (or
 * `errorEmails[3]`) is the fourth entry of `entries`, so its message starts with that entry.
 */
export function listFieldMessage(error: unknown, field: string, entries: readonly string[]): string | undefined {
  if (!(error instanceof ProblemError)) return undefined;
  const entryPath = new RegExp(`^${escaped(field)}(?:\\.|\\[)(\\d+)\\]?$`);
  const messages = error.issues.flatMap(({ field: issueField, message }) => {
    if (issueField === field) return [message];
    const index = entryPath.exec(issueField)?.[1];
    if (index !== undefined) return [`${entries[Number(index)] ?? `entry ${Number(index) + 1}`}: ${message}`];
    return issueField.startsWith(`${field}.`) || issueField.startsWith(`${field}[`) ? [message] : [];
  });
  return messages.length > 0 ? messages.join('; ') : undefined;
}
