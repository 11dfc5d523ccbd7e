import { useId } from 'react';
import { Field } from '../../forms/field';
import type { Auth, Subscription } from './subscriptions-api';

/** The authentication fields of a form: the type chosen, and what was typed for it. */
export interface AuthForm {
  readonly type: 'none' | 'basic' | 'bearer';
  readonly username: string;
  readonly password: string;
  readonly token: string;
}

export const authFormOf = (saved: Subscription['auth'] | undefined): AuthForm => ({
  type: saved?.type === 'basic' || saved?.type === 'bearer' ? saved.type : 'none',
  username: saved?.type === 'basic' ? saved.username : '',
  password: '',
  token: '',
});

/**
 * The auth to send, or none to keep the saved one: secrets come back masked, so a form left with
 * the saved type and user name and no secret typed keeps what is stored.
 */
export function authToSend(form: AuthForm, saved: Subscription['auth'] | undefined): { auth?: Auth } {
  // Komet's authenticationToken, set through the API, is not offered here: "None" leaves it alone.
  if (saved?.type === 'token' && form.type === 'none') return {};
  if (saved && saved.type === form.type) {
    const untouched = form.type === 'none' || (form.type === 'basic' ? form.password === '' && form.username === authFormOf(saved).username : form.token === '');
    if (untouched) return {};
  }
  switch (form.type) {
    case 'none':
      return { auth: { type: 'none' } };
    case 'basic':
      return { auth: { type: 'basic', username: form.username, password: form.password } };
    case 'bearer':
      return { auth: { type: 'bearer', token: form.token } };
  }
}

const TYPES: readonly { readonly type: AuthForm['type']; readonly label: string }[] = [
  { type: 'none', label: 'None' },
  { type: 'basic', label: 'Basic' },
  { type: 'bearer', label: 'Bearer Token' },
];

interface Props {
  readonly value: AuthForm;
  readonly saved: Subscription['auth'] | undefined;
  readonly onChange: (value: AuthForm) => void;
  readonly at: (field: string) => string | undefined;
}

/** Komet's "Select your authentication type": Basic (username and password) or Bearer Token. */
export function BasicBearerAuth({ value, saved, onChange, at }: Props) {
  const name = useId();
  const set = (change: Partial<AuthForm>) => onChange({ ...value, ...change });
  const keeps = saved?.type === value.type;
  const typeError = at('auth.type');
  return (
    <>
      <fieldset aria-describedby={typeError ? `${name}-error` : undefined}>
        <legend>Authentication</legend>
        {TYPES.map(({ type, label }) => (
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
      {value.type === 'bearer' && (
        <Field
          label="Token"
          type="password"
          autoComplete="off"
          value={value.token}
          onChange={(event) => set({ token: event.target.value })}
          error={at('auth.token')}
          hint={keeps ? 'A token is saved; leave this empty to keep it.' : 'Sent as Authorization: Bearer <token>.'}
        />
      )}
    </>
  );
}
