// Placeholder until this page is built.
export function IntegrationsPage() {
  return <h1>Integrations</h1>;
}
