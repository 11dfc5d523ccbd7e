import { useMutation } from '@tanstack/react-query';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { api, unwrap } from '../api/client';
import { FormError } from '../forms/field';
import { hasRole, type Session, useSession, useSessionChanged } from '../session/session';

/** The pages a principal may open, in the order of the navigation. */
export function pagesFor(session: Session): { readonly to: string; readonly label: string }[] {
  if (session.kind === 'operator') {
    return [
      { to: '/tenants', label: 'Tenants' },
      { to: '/system', label: 'System' },
    ];
  }
  return [
    { to: '/overview', label: 'Overview' },
    { to: '/integrations', label: 'Integrations' },
    { to: '/notifications', label: 'System Notifications' },
    { to: '/deliveries', label: 'Deliveries' },
    ...(hasRole(session, 'admin') ? [{ to: `/tenants/${session.tenantId}`, label: 'API keys' }] : []),
  ];
}

/** Every signed-in page: who is signed in, the navigation, sign out, and the page. */
export function Shell() {
  const session = useSession();
  const location = useLocation();
  const sessionChanged = useSessionChanged();
  const signOut = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/sessions')),
    onSuccess: () => sessionChanged(),
  });
  if (session.isPending) return <main className="container" aria-busy="true" />;
  if (session.isError) return <main className="container"><FormError error={session.error} /></main>;
  if (!session.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const who = session.data.kind === 'operator' ? 'Operator' : `${session.data.tenantName ?? session.data.tenantId} (${session.data.roles.join(', ')})`;
  return (
    <>
      <header className="container">
        <nav aria-label="Main">
          <ul>
            <li>
              <strong>hookbus</strong>
            </li>
          </ul>
          <ul>
            {pagesFor(session.data).map((page) => (
              <li key={page.to}>
                <NavLink to={page.to}>{page.label}</NavLink>
              </li>
            ))}
          </ul>
          <ul>
            <li>
              <small>{who}</small>
            </li>
            <li>
              <button type="button" className="secondary outline" onClick={() => signOut.mutate()} aria-busy={signOut.isPending}>
                Sign out
              </button>
            </li>
          </ul>
        </nav>
      </header>
      <main className="container">
        <FormError error={signOut.error} />
        <Outlet />
      </main>
    </>
  );
}

/** `/console/`: the first page the principal may open. */
export function Home() {
  const session = useSession();
  return session.data ? <Navigate to={pagesFor(session.data)[0].to} replace /> : null;
}
