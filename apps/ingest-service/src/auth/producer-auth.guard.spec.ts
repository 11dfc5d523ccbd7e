import { type ExecutionContext, HttpStatus, Logger } from '@nestjs/common';
import { type ApiKeyRecordV1, formatApiKey, hashKeySecret, newKeyId, newKeySecret, Topics } from '@hookbus/contracts';
import { drivenTableBus } from '@hookbus/kafka/testing';
import { ProblemException } from '@hookbus/platform';
import { ApiKeyView } from './api-key-view';
import { ApiKeyViewReadiness } from './api-key-view.readiness';
import { PRODUCER } from './current-producer.decorator';
import { ProducerAuthGuard } from './producer-auth.guard';

async function startView() {
  const { bus, reader, write, topic } = drivenTableBus();
  const view = new ApiKeyView(bus);
  await view.onApplicationBootstrap();
  const publish = (keyId: string, record: ApiKeyRecordV1 | null) => write(keyId, record);
  const newKey = (roles: ApiKeyRecordV1['roles'], tenantId = 'tnt_a') => {
    const keyId = newKeyId();
    const secret = newKeySecret();
    const record: ApiKeyRecordV1 = { keyId, tenantId, roles, secretSha256: hashKeySecret(secret) };
    publish(keyId, record);
    return { keyId, record, key: formatApiKey(keyId, secret), secret };
  };
  return { view, reader, topic: topic(), publish, newKey };
}

function authenticate(view: ApiKeyView, authorization?: string): { status: number } | { producer: unknown } {
  const request: Record<PropertyKey, unknown> = { headers: authorization === undefined ? {} : { authorization } };
  const context = { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  try {
    new ProducerAuthGuard(view).canActivate(context);
    return { producer: request[PRODUCER] };
  } catch (error) {
    if (error instanceof ProblemException) return { status: error.getStatus() };
    throw error;
  }
}

describe('producer authentication', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('follows the api-keys topic and lets a live producer key in as its tenant', async () => {
    const { view, topic, newKey } = await startView();
    const { key, keyId } = newKey(['producer'], 'tnt_b');
    expect(topic).toBe(Topics.apiKeys.name);
    expect(authenticate(view, `Bearer ${key}`)).toEqual({ producer: { keyId, tenantId: 'tnt_b' } });
  });

  it('answers 401 without a key, with another scheme, a malformed, unknown, wrong-secret or revoked key', async () => {
    const { view, newKey, publish } = await startView();
    const { key, keyId, record } = newKey(['producer']);
    const wrongSecret = formatApiKey(keyId, newKeySecret());
    const unknown = formatApiKey(newKeyId(), newKeySecret());
    for (const authorization of [undefined, `Basic ${key}`, 'Bearer hbk_nonsense', `Bearer ${unknown}`, `Bearer ${wrongSecret}`]) {
      expect(authenticate(view, authorization)).toEqual({ status: HttpStatus.UNAUTHORIZED });
    }
    publish(keyId, { ...record, revokedAt: new Date().toISOString() });
    expect(authenticate(view, `Bearer ${key}`)).toEqual({ status: HttpStatus.UNAUTHORIZED });
  });

  it('answers 401 once a key is tombstoned', async () => {
    const { view, newKey, publish } = await startView();
    const { key, keyId } = newKey(['producer']);
    publish(keyId, null);
    expect(authenticate(view, `Bearer ${key}`)).toEqual({ status: HttpStatus.UNAUTHORIZED });
  });

  it('refuses a key it let in before as soon as it is revoked, tombstoned or loses the producer role', async () => {
    const { view, newKey, publish } = await startView();
    const keys = [newKey(['producer']), newKey(['producer']), newKey(['producer'])];
    for (const { key, keyId } of keys) expect(authenticate(view, `Bearer ${key}`)).toMatchObject({ producer: { keyId } });
    const [revoked, tombstoned, demoted] = keys;
    publish(revoked.keyId, { ...revoked.record, revokedAt: new Date().toISOString() });
    publish(tombstoned.keyId, null);
    publish(demoted.keyId, { ...demoted.record, roles: ['admin'] });

    expect(authenticate(view, `Bearer ${revoked.key}`)).toEqual({ status: HttpStatus.UNAUTHORIZED });
    expect(authenticate(view, `Bearer ${tombstoned.key}`)).toEqual({ status: HttpStatus.UNAUTHORIZED });
    expect(authenticate(view, `Bearer ${demoted.key}`)).toEqual({ status: HttpStatus.FORBIDDEN });
  });

  it('answers 403 to a live key without the producer role', async () => {
    const { view, newKey } = await startView();
    expect(authenticate(view, `Bearer ${newKey(['admin', 'setup']).key}`)).toEqual({ status: HttpStatus.FORBIDDEN });
  });

  it('skips a record that is not a valid key view, keeping what it held', async () => {
    const { view, newKey, publish } = await startView();
    const { key, keyId, record } = newKey(['producer']);
    publish(keyId, { ...record, secretSha256: 'plain-secret' });
    expect(authenticate(view, `Bearer ${key}`)).toMatchObject({ producer: { keyId } });
  });

  it('is not ready, and answers 503, until the view caught up with the topic', async () => {
    const { view, reader, newKey } = await startView();
    const { key } = newKey(['producer']);
    reader.isCaughtUp = false;
    await expect(new ApiKeyViewReadiness(view).check()).rejects.toThrow(`still reading ${Topics.apiKeys.name}`);
    expect(authenticate(view, `Bearer ${key}`)).toEqual({ status: HttpStatus.SERVICE_UNAVAILABLE });
    reader.isCaughtUp = true;
    await expect(new ApiKeyViewReadiness(view).check()).resolves.toBeUndefined();
  });
});
