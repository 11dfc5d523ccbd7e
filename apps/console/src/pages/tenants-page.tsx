import { CreateTenantForm } from './tenants/create-tenant-form';
import { TenantList } from './tenants/tenant-list';

/** The operator's tenants: create one, open one to hand out its API keys and portal links. */
export function TenantsPage() {
  return (
    <>
      <h1>Tenants</h1>
      <CreateTenantForm />
      <TenantList />
    </>
  );
}
