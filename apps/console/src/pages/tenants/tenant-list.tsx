import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { FormError } from '../../forms/field';
import { When } from './when';
import { TENANTS_KEY, tenantsPage } from './tenant-queries';

/** Every tenant, a page at a time (`next`), each linking to its API keys and portal links. */
export function TenantList() {
  const tenants = useInfiniteQuery({
    queryKey: TENANTS_KEY,
    queryFn: ({ pageParam }) => tenantsPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next,
  });
  const rows = tenants.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <article aria-labelledby="tenant-list-heading" aria-busy={tenants.isPending}>
      <h2 id="tenant-list-heading">All tenants</h2>
      <FormError error={tenants.error} />
      {tenants.isSuccess && rows.length === 0 && <p>No tenants yet: create the first one above.</p>}
      {rows.length > 0 && (
        <div className="overflow-auto">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">ID</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={`/tenants/${row.id}`}>{row.name}</Link>
                  </th>
                  <td>
                    <code>{row.id}</code>
                  </td>
                  <td>
                    <When iso={row.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {tenants.hasNextPage && (
        <button type="button" className="secondary" onClick={() => tenants.fetchNextPage()} aria-busy={tenants.isFetchingNextPage}>
          Load more tenants
        </button>
      )}
    </article>
  );
}
