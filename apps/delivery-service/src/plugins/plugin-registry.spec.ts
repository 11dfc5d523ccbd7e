import { Injectable, Module, type Type } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, NestFactory } from '@nestjs/core';
import { DeliveryPlugin } from '@hookbus/delivery-sdk';
import { EgressAllowList } from '@hookbus/egress';
import { loadEnv } from '@hookbus/platform';
import { REGISTERED_PLUGINS } from '@hookbus/plugin-registry';
import { deliveryEnvSchema } from '../delivery-env';
import { discoverPlugins } from './plugin-explorer';
import { PluginRegistry } from './plugin-registry';

function registered(vendor: string) {
  const plugin = REGISTERED_PLUGINS.find(({ definition }) => definition.vendor === vendor);
  if (!plugin) throw new Error(`${vendor} is not registered`);
  return plugin;
}
const komet = registered('komet').definition;
const KometPluginModule = registered('komet').module;
const SecutixPluginModule = registered('secutix').module;

/** The registry a Nest app builds when it imports `pluginModules`. */
async function registryOf(...pluginModules: Type[]): Promise<PluginRegistry> {
  @Module({
    imports: [DiscoveryModule, ...pluginModules],
    providers: [{ provide: PluginRegistry, useFactory: discoverPlugins, inject: [DiscoveryService] }],
  })
  class AppModule {}
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  try {
    return app.get(PluginRegistry);
  } finally {
    await app.close();
  }
}

describe('plugin discovery', () => {
  it('finds the @DeliveryPlugin of every imported plugin module, and only those', async () => {
    const registry = await registryOf(KometPluginModule, SecutixPluginModule);
    expect(registry.vendors.sort()).toEqual(['komet', 'secutix']);
    expect(registry.get('postback')).toBeUndefined();
  });

  it('fails fast when two providers claim the same vendor', async () => {
    @DeliveryPlugin(komet)
    @Injectable()
    class AnotherKomet {}
    @Module({ providers: [AnotherKomet] })
    class AnotherKometModule {}

    await expect(registryOf(KometPluginModule, AnotherKometModule)).rejects.toThrow('Duplicate delivery plugin "komet"');
  });

  it('refuses a plugin that cannot deliver', () => {
    expect(() => new PluginRegistry([{ ...komet, render: undefined }])).toThrow('no render()');
  });
});

describe('deliveryEnvSchema', () => {
  it('defaults to every plugin and no egress exception', () => {
    const env = loadEnv(deliveryEnvSchema, {});
    expect(env.DELIVERY_PLUGINS).toEqual(REGISTERED_PLUGINS.map(({ definition }) => definition.vendor));
    expect(env.HOOKBUS_EGRESS_ALLOW.allowsUrl(new URL('http://127.0.0.1/'))).toBe(false);
  });

  it('splits the comma lists, parsing the allow-list once', () => {
    const env = loadEnv(deliveryEnvSchema, { DELIVERY_PLUGINS: 'komet, postback', HOOKBUS_EGRESS_ALLOW: '127.0.0.1, 10.0.0.0/8' });
    expect(env.DELIVERY_PLUGINS).toEqual(['komet', 'postback']);
    expect(env.HOOKBUS_EGRESS_ALLOW).toBeInstanceOf(EgressAllowList);
    expect(env.HOOKBUS_EGRESS_ALLOW.allowsUrl(new URL('http://10.1.2.3:8080/'))).toBe(true);
  });

  it('refuses a malformed HOOKBUS_EGRESS_ALLOW entry, naming it', () => {
    expect(() => loadEnv(deliveryEnvSchema, { HOOKBUS_EGRESS_ALLOW: '127.0.0.1,10.0.0.0/33' })).toThrow(
      'HOOKBUS_EGRESS_ALLOW: "10.0.0.0/33" is not a valid entry (host, host:port, IP, IP:port or CIDR) (got "127.0.0.1,10.0.0.0/33")',
    );
  });

  it.each([['komet,nope', 'unknown plugin nope'], ['komet,komet', 'more than once'], ['', 'at least one']])(
    'refuses DELIVERY_PLUGINS=%j naming the variable',
    (value, message) => {
      expect(() => loadEnv(deliveryEnvSchema, { DELIVERY_PLUGINS: value })).toThrow(new RegExp(`DELIVERY_PLUGINS: .*${message}`));
    },
  );
});
