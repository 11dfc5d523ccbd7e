// Placeholder until this page is built.
export function NotificationsPage() {
  return <h1>System Notifications</h1>;
}
