// Placeholder until this page is built.
export function TenantsPage() {
  return <h1>Tenants</h1>;
}
