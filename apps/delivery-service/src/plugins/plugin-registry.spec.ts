import { kometPlugin } from '@hookbus/plugin-komet';
import type { DeliveryPluginDefinition } from '@hookbus/delivery-sdk';
import { loadEnv } from '@hookbus/platform';
import { deliveryEnvSchema } from '../delivery-env';
import { PluginRegistry } from './plugin-registry';

const komet = kometPlugin as unknown as DeliveryPluginDefinition;

describe('PluginRegistry', () => {
  it('loads the named vendors only', () => {
    expect(PluginRegistry.of(['komet', 'secutix']).vendors).toEqual(['komet', 'secutix']);
    expect(PluginRegistry.of(['komet']).get('postback')).toBeUndefined();
  });

  it('fails fast on a duplicate or unknown vendor, or a plugin that cannot deliver', () => {
    expect(() => new PluginRegistry([komet, komet])).toThrow('Duplicate delivery plugin "komet"');
    expect(() => PluginRegistry.of(['nope'])).toThrow('Unknown delivery plugin "nope"');
    expect(() => new PluginRegistry([{ ...komet, render: undefined }])).toThrow('no render()');
  });
});

describe('deliveryEnvSchema', () => {
  it('defaults to every plugin and no egress exception', () => {
    const env = loadEnv(deliveryEnvSchema, {});
    expect(env.DELIVERY_PLUGINS).toEqual(['komet', 'komerce', 'secutix', 'postback']);
    expect(env.HOOKBUS_EGRESS_ALLOW).toEqual([]);
  });

  it('splits the comma lists', () => {
    const env = loadEnv(deliveryEnvSchema, { DELIVERY_PLUGINS: 'komet, postback', HOOKBUS_EGRESS_ALLOW: '127.0.0.1,10.0.0.0/8' });
    expect(env.DELIVERY_PLUGINS).toEqual(['komet', 'postback']);
    expect(env.HOOKBUS_EGRESS_ALLOW).toEqual(['127.0.0.1', '10.0.0.0/8']);
  });

  it.each([['komet,nope', 'unknown plugin nope'], ['komet,komet', 'more than once'], ['', 'at least one']])(
    'refuses DELIVERY_PLUGINS=%j naming the variable',
    (value, message) => {
      expect(() => loadEnv(deliveryEnvSchema, { DELIVERY_PLUGINS: value })).toThrow(new RegExp(`DELIVERY_PLUGINS: .*${message}`));
    },
  );
});
