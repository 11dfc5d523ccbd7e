import { useId } from 'react';
import type { Role } from '../../session/session';

export const ROLE_LABELS: Record<Role, string> = { admin: 'Admin', setup: 'Setup', producer: 'Producer' };

interface RoleCheckboxesProps<R extends Role> {
  readonly legend: string;
  readonly options: readonly R[];
  readonly value: readonly R[];
  readonly onChange: (roles: R[]) => void;
  /** The server's message for `roles` (or one of its items), shown beside the boxes. */
  readonly error?: string;
  readonly hint?: string;
}

/** One checkbox per role, in a fieldset whose error is tied to every box. */
export function RoleCheckboxes<R extends Role>({ legend, options, value, onChange, error, hint }: RoleCheckboxesProps<R>) {
  const id = useId();
  const described = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const toggle = (role: R, checked: boolean) => onChange(checked ? options.filter((option) => option === role || value.includes(option)) : value.filter((held) => held !== role));
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((role) => (
        <label key={role}>
          <input
            type="checkbox"
            name={`${id}-roles`}
            checked={value.includes(role)}
            onChange={(event) => toggle(role, event.target.checked)}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
          />
          {ROLE_LABELS[role]}
        </label>
      ))}
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        <small id={`${id}-error`} role="alert" className="field-error">
          {error}
        </small>
      )}
    </fieldset>
  );
}
