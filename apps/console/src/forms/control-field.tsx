import { type ReactNode, useId } from 'react';

/** What a control needs to be tied to its label, hint and error. */
export interface ControlProps {
  readonly id: string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string | undefined;
}

interface ControlFieldProps {
  readonly label: ReactNode;
  /** The server's message for this field; shown beside it and tied to it for screen readers. */
  readonly error?: string;
  readonly hint?: ReactNode;
  /** Renders the control (a `<select>`, a `<textarea>`) with the props that tie it to the label. */
  readonly children: (control: ControlProps) => ReactNode;
}

/** `Field`'s pattern for controls other than `<input>`: label, control, hint, error beside it. */
export function ControlField({ label, error, hint, children }: ControlFieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        <small id={`${id}-error`} role="alert" className="field-error">
          {error}
        </small>
      )}
    </>
  );
}
