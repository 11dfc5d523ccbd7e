import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { type ApiKeyRecordV1, Topics } from '@hookbus/contracts';
import { KafkaBus } from '@hookbus/kafka';
import { CompactedTopicOutbox } from '../outbox/compacted-topic-outbox';
import { ApiKey } from './api-key.entity';

/** The public view of an API key (never its secret, only the secret's SHA-256). */
export const toApiKeyRecord = (key: ApiKey): ApiKeyRecordV1 => ({
  keyId: key.id,
  tenantId: key.tenantId,
  roles: key.roles,
  secretSha256: key.secretHash,
  ...(key.revokedAt ? { revokedAt: key.revokedAt.toISOString() } : {}),
});

/** API keys on `hookbus.api-keys.v1`: ingest-service's key view. */
@Injectable()
export class ApiKeyPublisher extends CompactedTopicOutbox<ApiKey> {
  constructor(@Inject(EntityManager) em: EntityManager, @Inject(KafkaBus) bus: KafkaBus) {
    super(em, bus, { entity: ApiKey, topic: Topics.apiKeys.name, value: (key) => JSON.stringify(toApiKeyRecord(key)) });
  }
}
