// Placeholder until this page is built.
export function SystemPage() {
  return <h1>System</h1>;
}
