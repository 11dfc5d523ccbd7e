// Placeholder until this page is built.
export function TenantPage() {
  return <h1>API keys</h1>;
}
