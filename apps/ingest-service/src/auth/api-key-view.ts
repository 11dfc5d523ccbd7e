import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type ApiKeyRecordV1, apiKeyRecordV1, keySecretMatches, parseApiKey, Topics } from '@hookbus/contracts';
import { KafkaBus, TopicView } from '@hookbus/kafka';

/** A producer the key view recognised: the tenant its events belong to. */
export interface Producer {
  readonly keyId: string;
  readonly tenantId: string;
}

// Bounds the tokens remembered as verified; only live producer keys get in, so this is never reached in practice.
const MAX_VERIFIED = 10_000;

export type KeyCheck = { readonly ok: true; readonly producer: Producer } | { readonly ok: false; readonly reason: 'unknown' | 'not_producer' };

/**
 * ingest-service's copy of every API key's public view, rebuilt at each start from the compacted
 * `hookbus.api-keys.v1` and kept current from it, so authenticating a producer is an in-memory
 * lookup. A revocation reaches it as soon as config-service publishes it.
 */
@Injectable()
export class ApiKeyView implements OnApplicationBootstrap {
  private readonly view = new TopicView<ApiKeyRecordV1>({ topic: Topics.apiKeys.name, schema: apiKeyRecordV1, keyOf: (key) => key.keyId });
  // Tokens that passed, with the record they passed against: hashing the secret is most of a check,
  // and a revoked, changed or deleted key is another record (or none) in the view, so it is checked again.
  private readonly verified = new Map<string, { readonly record: ApiKeyRecordV1; readonly producer: Producer }>();

  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.view.start(this.bus);
  }

  get isCaughtUp(): boolean {
    return this.view.isCaughtUp;
  }

  /** Whether a presented bearer token is a live key with the producer role. Unknown, revoked and wrong secrets look alike. */
  check(token: string | undefined): KeyCheck {
    if (token === undefined) return { ok: false, reason: 'unknown' };
    const known = this.verified.get(token);
    if (known && this.view.get(known.record.keyId) === known.record) return { ok: true, producer: known.producer };
    const parsed = parseApiKey(token);
    const key = parsed && this.view.get(parsed.keyId);
    if (!parsed || !key || key.revokedAt !== undefined || !keySecretMatches(parsed.secret, key.secretSha256)) return { ok: false, reason: 'unknown' };
    if (!key.roles.includes('producer')) return { ok: false, reason: 'not_producer' };
    const producer = { keyId: key.keyId, tenantId: key.tenantId };
    if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
    this.verified.set(token, { record: key, producer });
    return { ok: true, producer };
  }
}
