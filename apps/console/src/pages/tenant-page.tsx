import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ProblemError } from '../api/problem';
import { FormError } from '../forms/field';
import { useSession } from '../session/session';
import { ApiKeysCard } from './tenants/api-keys-card';
import { PortalLinksCard } from './tenants/portal-links-card';
import { tenant, tenantKey } from './tenants/tenant-queries';

/**
 * One tenant's API keys and portal links: the operator's page for any tenant, a tenant admin's
 * "API keys" for its own. Another tenant's page is not found, as the API answers (404).
 */
export function TenantPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const found = useQuery({ queryKey: tenantKey(id), queryFn: () => tenant(id) });
  const operator = session.data?.kind === 'operator';
  if (found.error instanceof ProblemError && found.error.status === 404) {
    return (
      <>
        <h1>Tenant not found</h1>
        <p>There is no tenant {id} that you may see.</p>
        <p>{operator ? <Link to="/tenants">Back to the tenants</Link> : <Link to="/">Back to the console</Link>}</p>
      </>
    );
  }
  if (!found.data) return <div aria-busy={found.isPending}>{found.error ? <FormError error={found.error} /> : null}</div>;
  return (
    <>
      {operator && (
        <nav aria-label="breadcrumb">
          <ul>
            <li>
              <Link to="/tenants">Tenants</Link>
            </li>
            <li>{found.data.name}</li>
          </ul>
        </nav>
      )}
      <h1>{operator ? found.data.name : 'API keys'}</h1>
      <p>
        {operator ? 'Tenant' : found.data.name} <code>{found.data.id}</code>
      </p>
      <ApiKeysCard tenantId={found.data.id} />
      <PortalLinksCard tenantId={found.data.id} />
    </>
  );
}
