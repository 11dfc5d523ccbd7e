import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { FormError } from '../forms/field';
import { useSessionChanged } from '../session/session';

/**
 * Opens a portal link: the one-time token is in the fragment (never sent to a server or a Referer),
 * exchanged once for a session scoped to one tenant, then dropped from the address bar.
 */
export function PortalPage() {
  const navigate = useNavigate();
  const sessionChanged = useSessionChanged();
  const open = useMutation({
    mutationFn: (portalToken: string) => unwrap(api.POST('/v1/sessions', { body: { portalToken } })),
    onSuccess: async () => {
      await sessionChanged();
      navigate('/', { replace: true });
    },
  });
  const [token] = useState(() => window.location.hash.slice(1));
  const { mutate } = open;
  useEffect(() => {
    window.history.replaceState(null, '', window.location.pathname);
    if (token) mutate(token);
  }, [mutate, token]);
  return (
    <main className="container narrow">
      <h1>Opening the console</h1>
      {open.isError || !token ? (
        <>
          <FormError error={open.error ?? new Error('This link has no portal token.')} />
          <p>
            Ask your administrator for a new link, or <Link to="/sign-in">sign in with an API key</Link>.
          </p>
        </>
      ) : (
        <p aria-busy="true">Signing you in…</p>
      )}
    </main>
  );
}
