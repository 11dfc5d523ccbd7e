import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import type { SubscriptionSnapshotV1 } from '@hookbus/contracts';
import { OperatorGuard } from '@hookbus/platform';
import { SubscriptionView } from './subscription-view';

type ViewItem = Pick<SubscriptionSnapshotV1, 'id' | 'tenantId' | 'plugin' | 'hook' | 'enabled' | 'status' | 'version'>;

/** Ops (operator token): what this instance would route to, to compare with config-service. Never secrets or URLs. */
@Controller('v1/subscription-view')
@UseGuards(OperatorGuard)
export class SubscriptionViewController {
  constructor(@Inject(SubscriptionView) private readonly view: SubscriptionView) {}

  @Get()
  list(): { items: ViewItem[] } {
    const items = this.view
      .all()
      .map(({ id, tenantId, plugin, hook, enabled, status, version }) => ({ id, tenantId, plugin, hook, enabled, status, version }))
      .sort((a, b) => a.id.localeCompare(b.id));
    return { items };
  }
}
