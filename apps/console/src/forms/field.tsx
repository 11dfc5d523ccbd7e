import { type InputHTMLAttributes, type ReactNode, useId } from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  readonly label: ReactNode;
  /** The server's message for this field; shown beside it and tied to it for screen readers. */
  readonly error?: string;
  readonly hint?: ReactNode;
}

/** A labelled input with its hint and its error beside it (Pico styles `aria-invalid`). */
export function Field({ label, error, hint, ...input }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const checkbox = input.type === 'checkbox';
  const control = <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />;
  return (
    <>
      <label htmlFor={id}>
        {checkbox && control}
        {label}
      </label>
      {!checkbox && control}
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        <small id={`${id}-error`} role="alert" className="field-error">
          {error}
        </small>
      )}
    </>
  );
}

/** A form-level error (a problem without field issues, or a network failure). */
export function FormError({ error }: { readonly error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="form-error">
      {error instanceof Error ? error.message : String(error)}
    </p>
  );
}
