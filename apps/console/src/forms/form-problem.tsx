import { ProblemError } from '../api/problem';
import { FormError } from './field';

/** True when the form's field `shown` displays the issue about `field` (itself or a part of it). */
export const covers = (shown: string, field: string) => field === shown || field.startsWith(`${shown}.`) || field.startsWith(`${shown}[`);

/**
 * What a failed submit says above the buttons: the error itself when it names no field, and any
 * field issue no field of this form shows (so no message of the server is lost).
 */
export function FormProblem({ error, fields }: { readonly error: unknown; readonly fields: readonly string[] }) {
  if (!error) return null;
  if (!(error instanceof ProblemError) || error.issues.length === 0) return <FormError error={error} />;
  const unshown = error.issues.filter((issue) => !fields.some((field) => covers(field, issue.field)));
  if (unshown.length === 0) return null;
  return (
    <div role="alert" className="form-error">
      <p>{error.detail ?? error.title}</p>
      <ul>
        {unshown.map((issue) => (
          <li key={`${issue.field}:${issue.rule}`}>
            <code>{issue.field}</code>: {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
