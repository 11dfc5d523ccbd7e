import { Field } from '../../forms/field';
import { listFieldMessage } from '../../forms/list-field-message';

/** The addresses typed into the Error Notification field: separated by commas, semicolons or spaces. */
export const parseEmails = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

/** The server's messages about `errorEmails`, each naming the address it is about. */
export const errorEmailsMessage = (error: unknown, emails: readonly string[]): string | undefined => listFieldMessage(error, 'errorEmails', emails);

interface Props {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: unknown;
  readonly hint: string;
  /** Komet's words by default; other cards name it in their own. */
  readonly label?: string;
}

/** Komet's "Error Notification" field: up to 5 e-mail addresses told when the external system errs. */
export function ErrorNotificationField({ value, onChange, error, hint, label = 'Error Notification' }: Props) {
  return (
    <Field
      label={label}
      type="text"
      inputMode="email"
      autoComplete="off"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={errorEmailsMessage(error, parseEmails(value))}
      hint={hint}
    />
  );
}
