import { Inject, Injectable } from '@nestjs/common';
import { Topics } from '@hookbus/contracts';
import type { ReadinessCheck } from '@hookbus/platform';
import { ApiKeyView } from './api-key-view';

/** Not ready until the view holds every key: a producer's key missing from a partial view would be refused. */
@Injectable()
export class ApiKeyViewReadiness implements ReadinessCheck {
  readonly name = 'api-key-view';

  constructor(@Inject(ApiKeyView) private readonly keys: ApiKeyView) {}

  async check(): Promise<void> {
    if (!this.keys.isCaughtUp) throw new Error(`still reading ${Topics.apiKeys.name}`);
  }
}
