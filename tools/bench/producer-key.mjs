// A producer key for a benchmark's ingest-service, published as config-service would publish it.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Publishes a producer key of `tenantId` on the api-keys topic under `topicPrefix` with the kafkajs
 * `producer` (connected), and resolves with the key once the ingest-service at `ingestUrl` knows it.
 * Reads the contracts from dist/, so the caller builds first.
 */
export async function producerKey(producer, ingestUrl, topicPrefix, tenantId) {
  const { Topics, formatApiKey, hashKeySecret, newKeyId, newKeySecret } = createRequire(import.meta.url)(path.join(root, 'dist', 'libs', 'contracts', 'src', 'index.js'));
  const keyId = newKeyId();
  const secret = newKeySecret();
  const record = { keyId, tenantId, roles: ['producer'], secretSha256: hashKeySecret(secret) };
  await producer.send({ topic: `${topicPrefix}${Topics.apiKeys.name}`, acks: -1, messages: [{ key: keyId, value: JSON.stringify(record) }] });
  const key = formatApiKey(keyId, secret);
  const deadline = Date.now() + 30_000;
  // An invalid event answers 400 once the key is known, 401 before.
  while ((await fetch(`${ingestUrl}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{}' })).status === 401) {
    if (Date.now() > deadline) throw new Error('ingest-service did not learn the producer key within 30 s');
    await sleep(100);
  }
  return key;
}
