import { createBrowserRouter } from 'react-router';
import { Home, Shell } from './layout/shell';
import { NotFoundPage } from './pages/not-found-page';
import { PortalPage } from './pages/portal-page';
import { SignInPage } from './pages/sign-in-page';

// Pages load on first visit, so the sign-in page and the shell stay small (charts come with Overview).
export const router = createBrowserRouter(
  [
    { path: '/sign-in', Component: SignInPage },
    { path: '/portal', Component: PortalPage },
    {
      path: '/',
      Component: Shell,
      children: [
        { index: true, Component: Home },
        { path: 'overview', lazy: async () => ({ Component: (await import('./pages/overview-page')).OverviewPage }) },
        { path: 'integrations', lazy: async () => ({ Component: (await import('./pages/integrations-page')).IntegrationsPage }) },
        { path: 'notifications', lazy: async () => ({ Component: (await import('./pages/notifications-page')).NotificationsPage }) },
        { path: 'deliveries', lazy: async () => ({ Component: (await import('./pages/deliveries-page')).DeliveriesPage }) },
        { path: 'deliveries/:id', lazy: async () => ({ Component: (await import('./pages/delivery-page')).DeliveryPage }) },
        { path: 'tenants', lazy: async () => ({ Component: (await import('./pages/tenants-page')).TenantsPage }) },
        { path: 'tenants/:id', lazy: async () => ({ Component: (await import('./pages/tenant-page')).TenantPage }) },
        { path: 'system', lazy: async () => ({ Component: (await import('./pages/system-page')).SystemPage }) },
        { path: '*', Component: NotFoundPage },
      ],
    },
  ],
  { basename: '/console' },
);
