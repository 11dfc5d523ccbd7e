import type { SubscriptionSnapshotV1 } from '@hookbus/contracts';

type Route = string;
const routeOf = (plugin: string, hook: string): Route => `${plugin}\u0000${hook}`;

/**
 * The view's subscriptions by tenant, then by route (plugin and hook), kept current one change at a
 * time, so finding an event's subscriptions costs what its tenant has on its routes, not what every
 * tenant has.
 */
export class SubscriptionIndex {
  private readonly byTenant = new Map<string, Map<Route, Map<string, SubscriptionSnapshotV1>>>();

  /** Files `next` in place of `previous`; either may be absent (a new id, or a tombstone). */
  replace(previous: SubscriptionSnapshotV1 | undefined, next: SubscriptionSnapshotV1 | undefined): void {
    if (previous) this.remove(previous);
    if (!next) return;
    let routes = this.byTenant.get(next.tenantId);
    if (!routes) this.byTenant.set(next.tenantId, (routes = new Map()));
    const route = routeOf(next.plugin, next.hook);
    let entries = routes.get(route);
    if (!entries) routes.set(route, (entries = new Map()));
    entries.set(next.id, next);
  }

  /** The tenant's subscriptions on any of `hooks` (hook names by plugin). */
  find(tenantId: string, hooks: ReadonlyMap<string, ReadonlySet<string>>): SubscriptionSnapshotV1[] {
    const routes = this.byTenant.get(tenantId);
    if (!routes) return [];
    const found: SubscriptionSnapshotV1[] = [];
    for (const [plugin, names] of hooks) {
      for (const hook of names) {
        const entries = routes.get(routeOf(plugin, hook));
        if (entries) found.push(...entries.values());
      }
    }
    return found;
  }

  private remove(held: SubscriptionSnapshotV1): void {
    const routes = this.byTenant.get(held.tenantId);
    const route = routeOf(held.plugin, held.hook);
    const entries = routes?.get(route);
    if (!routes || !entries) return;
    entries.delete(held.id);
    if (entries.size === 0) routes.delete(route);
    if (routes.size === 0) this.byTenant.delete(held.tenantId);
  }
}
