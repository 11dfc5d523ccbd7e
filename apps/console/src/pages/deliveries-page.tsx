// Placeholder until this page is built.
export function DeliveriesPage() {
  return <h1>Deliveries</h1>;
}
