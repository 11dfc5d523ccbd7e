import { apiKeyRecordV1, type ApiKeyRecordV1, hashKeySecret, parseApiKey, Topics } from '@hookbus/contracts';
import type { ConsumedMessage, KafkaBus } from '@hookbus/kafka';
import { collect, pollUntil, testBus, testDatabases, uniquePrefix } from '@hookbus/testing';
import { ApiClient, newTenant, spawnConfigService } from '../support/config-service';
import { OPERATOR_TOKEN, type ServiceProcess } from '../support/service-process';

describe.each(testDatabases())('config-service publishes API keys to hookbus.api-keys.v1 on $label', (database) => {
  let config: ServiceProcess;
  let bus: KafkaBus;
  let records: ConsumedMessage[];
  let operator: ApiClient;

  const start = async (prefix: string) => {
    bus = await testBus(prefix);
    records = await collect(bus, Topics.apiKeys.name);
    config = await spawnConfigService(database, prefix);
    operator = new ApiClient(config.url, OPERATOR_TOKEN);
  };
  const stop = async () => {
    expect(await config.stop()).toBe(0);
    await bus.disconnect();
  };
  const latest = (keyId: string): Promise<ApiKeyRecordV1> =>
    pollUntil(`a record of ${keyId}`, () => {
      const found = records.filter((record) => record.key === keyId).pop();
      return found?.value ? apiKeyRecordV1.parse(JSON.parse(found.value.toString())) : undefined;
    });

  beforeAll(async () => {
    await database.create();
    await start(uniquePrefix('api-keys'));
  });

  afterAll(async () => {
    await stop();
    await database.drop();
  });

  it("publishes a new key's public view: tenant, roles and the SHA-256 of its secret, never the secret", async () => {
    const { tenantId, keyId, key } = await newTenant(config, ['producer', 'setup']);
    const secret = parseApiKey(key)?.secret ?? '';
    expect(await latest(keyId)).toEqual({ keyId, tenantId, roles: ['producer', 'setup'], secretSha256: hashKeySecret(secret) });
    const value = records.find((record) => record.key === keyId)?.value?.toString() ?? '';
    expect(value).not.toContain(secret);
  });

  it('publishes the revocation; revoking again changes nothing', async () => {
    const { tenantId, keyId } = await newTenant(config, ['producer']);
    await latest(keyId);
    expect((await operator.delete(`/v1/tenants/${tenantId}/api-keys/${keyId}`)).status).toBe(204);
    const revoked = await pollUntil('the revocation is published', async () => {
      const record = await latest(keyId);
      return record.revokedAt !== undefined && record;
    });
    expect(Date.parse(String(revoked.revokedAt))).toBeLessThanOrEqual(Date.now());

    expect((await operator.delete(`/v1/tenants/${tenantId}/api-keys/${keyId}`)).status).toBe(204);
    expect((await latest(keyId)).revokedAt).toBe(revoked.revokedAt);
  });

  it('republishes every key at start, so a fresh topic rebuilds the view', async () => {
    const { tenantId, keyId: revokedKey } = await newTenant(config, ['producer']);
    await operator.delete(`/v1/tenants/${tenantId}/api-keys/${revokedKey}`);
    const live = await newTenant(config, ['admin']);
    await stop();

    await start(uniquePrefix('api-keys-fresh'));
    expect(await latest(live.keyId)).toMatchObject({ tenantId: live.tenantId, roles: ['admin'] });
    expect((await latest(revokedKey)).revokedAt).toEqual(expect.any(String));
  });
});
