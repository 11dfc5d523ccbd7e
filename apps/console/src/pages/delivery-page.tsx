// Placeholder until this page is built.
export function DeliveryPage() {
  return <h1>Delivery</h1>;
}
