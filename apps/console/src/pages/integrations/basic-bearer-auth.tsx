import { useId } from 'react';
import { Field } from '../../forms/field';
import type { Auth, Subscription } from './subscriptions-api';

export type AuthType = Auth['type'];

/** What Komet's Webhooks card offers; a plugin's own form offers the plugin's `authTypes`. */
export const BASIC_BEARER: readonly AuthType[] = ['none', 'basic', 'bearer'];

/** The authentication fields of a form: the type chosen, and what was typed for it. */
export interface AuthForm {
  readonly type: AuthType;
  readonly username: string;
  readonly password: string;
  readonly token: string;
}

export const authFormOf = (saved: Subscription['auth'] | undefined, offered: readonly AuthType[] = BASIC_BEARER): AuthForm => ({
  type: saved && offered.includes(saved.type) ? saved.type : 'none',
  username: saved?.type === 'basic' ? saved.username : '',
  password: '',
  token: '',
});

/**
 * The auth to send, or none to keep the saved one: secrets come back masked, so a form left with
 * the saved type and user name and no secret typed keeps what is stored.
 */
export function authToSend(form: AuthForm, saved: Subscription['auth'] | undefined, offered: readonly AuthType[] = BASIC_BEARER): { auth?: Auth } {
  // A saved type the form does not offer (Komet's authenticationToken, set through the API): "None" leaves it alone.
  if (saved && !offered.includes(saved.type) && form.type === 'none') return {};
  if (saved && saved.type === form.type) {
    const untouched = form.type === 'none' || (form.type === 'basic' ? form.password === '' && form.username === authFormOf(saved).username : form.token === '');
    if (untouched) return {};
  }
  switch (form.type) {
    case 'none':
      return { auth: { type: 'none' } };
    case 'basic':
      return { auth: { type: 'basic', username: form.username, password: form.password } };
    case 'token':
    case 'bearer':
      return { auth: { type: form.type, token: form.token } };
  }
}

const TYPES: readonly { readonly type: AuthType; readonly label: string; readonly sent?: string }[] = [
  { type: 'none', label: 'None' },
  { type: 'token', label: 'Token header', sent: 'Sent as the authenticationToken header.' },
  { type: 'basic', label: 'Basic' },
  { type: 'bearer', label: 'Bearer Token', sent: 'Sent as Authorization: Bearer <token>.' },
];

interface Props {
  readonly value: AuthForm;
  readonly saved: Subscription['auth'] | undefined;
  readonly onChange: (value: AuthForm) => void;
  readonly at: (field: string) => string | undefined;
  /** The types to offer (shown in TYPES' order); by default Komet's Webhooks card's: None, Basic and Bearer. */
  readonly offered?: readonly AuthType[];
}

/** Komet's "Select your authentication type": Basic (username and password) or Bearer Token (or a plugin's own types). */
export function BasicBearerAuth({ value, saved, onChange, at, offered = BASIC_BEARER }: Props) {
  const name = useId();
  const set = (change: Partial<AuthForm>) => onChange({ ...value, ...change });
  const keeps = saved?.type === value.type;
  const typeError = at('auth.type');
  return (
    <>
      <fieldset aria-describedby={typeError ? `${name}-error` : undefined}>
        <legend>Authentication</legend>
        {TYPES.filter(({ type }) => offered.includes(type)).map(({ type, label }) => (
          <label key={type}>
            <input type="radio" name={name} value={type} checked={value.type === type} onChange={() => set({ type })} />
            {label}
          </label>
        ))}
        {typeError && (
          <small id={`${name}-error`} role="alert" className="field-error">
            {typeError}
          </small>
        )}
      </fieldset>
      {value.type === 'basic' && (
        <>
          <Field label="Username" autoComplete="off" value={value.username} onChange={(event) => set({ username: event.target.value })} error={at('auth.username')} />
          <Field
            label="Password"
            type="password"
            autoComplete="off"
            value={value.password}
            onChange={(event) => set({ password: event.target.value })}
            error={at('auth.password')}
            hint={keeps ? 'A password is saved; leave this empty to keep it.' : undefined}
          />
        </>
      )}
      {(value.type === 'bearer' || value.type === 'token') && (
        <Field
          label="Token"
          type="password"
          autoComplete="off"
          value={value.token}
          onChange={(event) => set({ token: event.target.value })}
          error={at('auth.token')}
          hint={keeps ? 'A token is saved; leave this empty to keep it.' : TYPES.find(({ type }) => type === value.type)?.sent}
        />
      )}
    </>
  );
}
