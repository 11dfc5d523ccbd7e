import { type ApiKeyRecordV1, formatApiKey, hashKeySecret, newKeyId, newKeySecret, Topics } from '@hookbus/contracts';
import type { KafkaBus } from '@hookbus/kafka';

/**
 * Publishes an API key straight to `hookbus.api-keys.v1`, as config-service would, for tests that
 * run ingest-service without config-service; returns the key to send as `Authorization: Bearer`.
 */
export async function publishApiKey(bus: KafkaBus, tenantId: string, roles: ApiKeyRecordV1['roles'] = ['producer']): Promise<string> {
  const keyId = newKeyId();
  const secret = newKeySecret();
  const record: ApiKeyRecordV1 = { keyId, tenantId, roles, secretSha256: hashKeySecret(secret) };
  await bus.publish(Topics.apiKeys.name, [{ key: keyId, value: JSON.stringify(record) }]);
  return formatApiKey(keyId, secret);
}
