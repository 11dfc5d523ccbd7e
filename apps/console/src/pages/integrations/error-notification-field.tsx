import { ProblemError } from '../../api/problem';
import { Field } from '../../forms/field';

/** The addresses typed into the Error Notification field: separated by commas, semicolons or spaces. */
export const parseEmails = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

/**
 * The server's messages about `errorEmails` in words that point at the address: `errorEmails.3`
 * (or `errorEmails[3]`) is the fourth address of the field.
 */
export function errorEmailsMessage(error: unknown, emails: readonly string[]): string | undefined {
  if (!(error instanceof ProblemError)) return undefined;
  const messages = error.issues.flatMap(({ field, message }) => {
    if (field === 'errorEmails') return [message];
    const index = /^errorEmails(?:\.|\[)(\d+)\]?$/.exec(field)?.[1];
    return index === undefined ? [] : [`${emails[Number(index)] ?? `address ${Number(index) + 1}`}: ${message}`];
  });
  return messages.length > 0 ? messages.join('; ') : undefined;
}

interface Props {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: unknown;
  readonly hint: string;
}

/** Komet's "Error Notification" field: up to 5 e-mail addresses told when the external system errs. */
export function ErrorNotificationField({ value, onChange, error, hint }: Props) {
  return (
    <Field
      label="Error Notification"
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
