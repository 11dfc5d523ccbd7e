import { loadEnv } from '@hookbus/platform';
import { REGISTERED_PLUGINS } from '@hookbus/plugin-registry';
import { defaultGroupId, deliveryEnvSchema } from './delivery-env';

const every = REGISTERED_PLUGINS.map(({ definition }) => definition.vendor);

describe('the default consumer group of delivery-service', () => {
  it('stays hookbus-delivery-service for a deployment of every plugin, in any order', () => {
    expect(loadEnv(deliveryEnvSchema, {}).KAFKA_GROUP_ID).toBe('hookbus-delivery-service');
    expect(loadEnv(deliveryEnvSchema, { DELIVERY_PLUGINS: [...every].reverse().join(', ') }).KAFKA_GROUP_ID).toBe('hookbus-delivery-service');
  });

  it('names the plugins of a split deployment, sorted, so each set has a group of its own', () => {
    expect(loadEnv(deliveryEnvSchema, { DELIVERY_PLUGINS: 'komet' }).KAFKA_GROUP_ID).toBe('hookbus-delivery-service-komet');
    expect(loadEnv(deliveryEnvSchema, { DELIVERY_PLUGINS: 'secutix,komerce, postback' }).KAFKA_GROUP_ID).toBe('hookbus-delivery-service-komerce-postback-secutix');
    expect(defaultGroupId(every.filter((vendor) => vendor !== 'komet'))).not.toBe(defaultGroupId(every));
  });

  it('leaves DELIVERY_PLUGINS in the order given', () => {
    expect(loadEnv(deliveryEnvSchema, { DELIVERY_PLUGINS: 'secutix,komerce' }).DELIVERY_PLUGINS).toEqual(['secutix', 'komerce']);
  });

  it('lets an explicit KAFKA_GROUP_ID win', () => {
    expect(loadEnv(deliveryEnvSchema, { DELIVERY_PLUGINS: 'komet', KAFKA_GROUP_ID: 'komet-eu' }).KAFKA_GROUP_ID).toBe('komet-eu');
  });

  it('refuses an empty KAFKA_GROUP_ID, naming it', () => {
    expect(() => loadEnv(deliveryEnvSchema, { KAFKA_GROUP_ID: '' })).toThrow(/KAFKA_GROUP_ID: .*\(got ""\)/);
  });
});
