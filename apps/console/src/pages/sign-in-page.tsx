import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { issuesOf } from '../api/problem';
import { Field, FormError } from '../forms/field';
import { useSessionChanged } from '../session/session';

/** Exchanges an API key or the operator token for an HttpOnly session cookie; the key is not kept. */
export function SignInPage() {
  const [key, setKey] = useState('');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const sessionChanged = useSessionChanged();
  const signIn = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/sessions', { body: { key } })),
    onSuccess: async () => {
      await sessionChanged();
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <main className="container narrow">
      <h1>Sign in to hookbus</h1>
      <form onSubmit={submit}>
        <Field
          label="API key or operator token"
          type="password"
          autoComplete="current-password"
          required
          value={key}
          onChange={(event) => setKey(event.target.value)}
          error={issuesOf(signIn.error)('key')}
          hint="Your browser keeps only a session cookie; the key is not stored."
        />
        <FormError error={signIn.error && !issuesOf(signIn.error)('key') ? signIn.error : undefined} />
        <button type="submit" aria-busy={signIn.isPending}>
          Sign in
        </button>
      </form>
    </main>
  );
}

/** Only a path inside the console, so a crafted link cannot send a signed-in user elsewhere. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
