import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { pluginGenerator } from './generator';
import { REGISTRY_FILE } from './registry-entry';

// The house's registry and tsconfig.base.json, cut down to what the generator touches.
const REGISTRY = `import type { Type } from '@nestjs/common';
import type { DeliveryPluginDefinition } from '@hookbus/delivery-sdk';
import { KometPluginModule, kometPlugin } from '@hookbus/plugin-komet';
import { PostbackPluginModule, postbackPlugin } from '@hookbus/plugin-postback';

export const REGISTERED_PLUGINS: readonly RegisteredPlugin[] = [
  { definition: kometPlugin, module: KometPluginModule },
  { definition: postbackPlugin, module: PostbackPluginModule },
];
`;
const PATHS = {
  '@hookbus/contracts': ['libs/contracts/src/index.ts'],
  '@hookbus/plugin-komet': ['libs/delivery/plugins/komet/src/index.ts'],
  '@hookbus/plugin-postback': ['libs/delivery/plugins/postback/src/index.ts'],
  '@hookbus/workspace': ['tools/workspace/src/index.ts'],
};

function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  // The repository has no Prettier: the generator's output must be formatted on its own.
  tree.delete('.prettierrc');
  tree.write('tsconfig.base.json', `${JSON.stringify({ compileOnSave: false, compilerOptions: { strict: true, paths: PATHS } }, null, 2)}\n`);
  tree.write(REGISTRY_FILE, REGISTRY);
  tree.write('libs/delivery/plugins/komet/project.json', JSON.stringify({ name: 'plugin-komet', sourceRoot: 'libs/delivery/plugins/komet/src' }));
  return tree;
}

const filesUnder = (tree: Tree, dir: string): string[] =>
  tree.children(dir).flatMap((child) => (tree.isFile(`${dir}/${child}`) ? [`${dir}/${child}`] : filesUnder(tree, `${dir}/${child}`)));

describe('nx g @hookbus/workspace:plugin', () => {
  it('writes the plugin lib of the house shape', async () => {
    const tree = workspace();
    await pluginGenerator(tree, { vendor: 'acme' });
    const files = filesUnder(tree, 'libs/delivery/plugins/acme');
    expect(files.sort()).toEqual([
      'libs/delivery/plugins/acme/jest.config.cjs',
      'libs/delivery/plugins/acme/project.json',
      'libs/delivery/plugins/acme/src/acme-plugin.module.ts',
      'libs/delivery/plugins/acme/src/acme.plugin.spec.ts',
      'libs/delivery/plugins/acme/src/acme.plugin.ts',
      'libs/delivery/plugins/acme/src/index.ts',
    ]);
    for (const file of files) expect(tree.read(file, 'utf-8')).toMatchSnapshot(file);
  });

  it('tags the project as a plugin of its vendor', async () => {
    const tree = workspace();
    await pluginGenerator(tree, { vendor: 'acme' });
    expect(readJson(tree, 'libs/delivery/plugins/acme/project.json')).toMatchObject({
      name: 'plugin-acme',
      sourceRoot: 'libs/delivery/plugins/acme/src',
      tags: ['scope:delivery', 'type:plugin', 'vendor:acme'],
    });
  });

  it('adds the import among the plugins, in order, and the registry line at the end', async () => {
    const tree = workspace();
    await pluginGenerator(tree, { vendor: 'nordpay' });
    expect(tree.read(REGISTRY_FILE, 'utf-8')).toBe(`import type { Type } from '@nestjs/common';
import type { DeliveryPluginDefinition } from '@hookbus/delivery-sdk';
import { KometPluginModule, kometPlugin } from '@hookbus/plugin-komet';
import { NordpayPluginModule, nordpayPlugin } from '@hookbus/plugin-nordpay';
import { PostbackPluginModule, postbackPlugin } from '@hookbus/plugin-postback';

export const REGISTERED_PLUGINS: readonly RegisteredPlugin[] = [
  { definition: kometPlugin, module: KometPluginModule },
  { definition: postbackPlugin, module: PostbackPluginModule },
  { definition: nordpayPlugin, module: NordpayPluginModule },
];
`);
  });

  it('maps @hookbus/plugin-<vendor> after the other plugins, leaving the rest of tsconfig.base.json as it was', async () => {
    const tree = workspace();
    const before = readJson(tree, 'tsconfig.base.json');
    await pluginGenerator(tree, { vendor: 'acme' });
    const after = readJson(tree, 'tsconfig.base.json');
    expect(Object.keys(after.compilerOptions.paths)).toEqual([
      '@hookbus/contracts',
      '@hookbus/plugin-komet',
      '@hookbus/plugin-postback',
      '@hookbus/plugin-acme',
      '@hookbus/workspace',
    ]);
    expect(after.compilerOptions.paths['@hookbus/plugin-acme']).toEqual(['libs/delivery/plugins/acme/src/index.ts']);
    expect({ ...after, compilerOptions: { ...after.compilerOptions, paths: PATHS } }).toEqual(before);
  });

  it('names everything after a hyphenated vendor, and takes the title, hook and event type given', async () => {
    const tree = workspace();
    await pluginGenerator(tree, { vendor: 'acme-pay', title: "Acme's Pay", hook: 'order-status', eventType: 'shipment.status_changed' });
    const plugin = tree.read('libs/delivery/plugins/acme-pay/src/acme-pay.plugin.ts', 'utf-8');
    expect(plugin).toContain('export const acmePayPlugin: DeliverablePlugin<typeof acmePaySettingsSchema> = {');
    expect(plugin).toContain("title: 'Acme\\'s Pay',");
    expect(plugin).toContain("hooks: [{ name: 'order-status', eventTypes: ['shipment.status_changed'] }],");
    const spec = tree.read('libs/delivery/plugins/acme-pay/src/acme-pay.plugin.spec.ts', 'utf-8');
    expect(spec).toContain("testEvent('shipment.status_changed', { orderNo: 'KOM-2025-0042', awb: 'JNE0123456789', status: 'Dikirim' }, { id: 'evt_1' })");
    expect(spec).toContain(`body: '{"id":"evt_1","type":"shipment.status_changed","data":{"orderNo":"KOM-2025-0042","awb":"JNE0123456789","status":"Dikirim"}}',`);
    expect(tree.read('libs/delivery/plugins/acme-pay/src/acme-pay-plugin.module.ts', 'utf-8')).toContain('export class AcmePayPluginModule {}');
    expect(tree.read(REGISTRY_FILE, 'utf-8')).toContain("import { AcmePayPluginModule, acmePayPlugin } from '@hookbus/plugin-acme-pay';");
  });

  it('capitalises each word of the vendor for the default title', async () => {
    const tree = workspace();
    await pluginGenerator(tree, { vendor: 'acme-pay2' });
    expect(tree.read('libs/delivery/plugins/acme-pay2/src/acme-pay2.plugin.ts', 'utf-8')).toContain("title: 'Acme Pay2',");
  });
});

describe('nx g @hookbus/workspace:plugin refuses', () => {
  const refusal = async (tree: Tree, options: Parameters<typeof pluginGenerator>[1]) => {
    const error = await pluginGenerator(tree, options).then(
      () => undefined,
      (thrown: Error) => thrown.message,
    );
    // Nothing is written when the options are refused.
    expect(tree.read(REGISTRY_FILE, 'utf-8')).toBe(REGISTRY);
    return error;
  };

  it.each(['Acme', '1acme', 'acme_pay', 'acme--pay', 'acme-', '', 'acme/pay'])('the vendor %j', async (vendor) => {
    expect(await refusal(workspace(), { vendor })).toContain(`vendor "${vendor}" must be lowercase letters, digits and single hyphens`);
  });

  it('a vendor whose lib already exists', async () => {
    expect(await refusal(workspace(), { vendor: 'komet' })).toContain('libs/delivery/plugins/komet already exists: vendor "komet" is taken');
  });

  it('a vendor whose project name is taken elsewhere', async () => {
    const tree = workspace();
    tree.write('libs/elsewhere/project.json', JSON.stringify({ name: 'plugin-acme', sourceRoot: 'libs/elsewhere/src' }));
    expect(await refusal(tree, { vendor: 'acme' })).toContain('a project named plugin-acme already exists');
  });

  it('a vendor already mapped in tsconfig.base.json or imported by the registry', async () => {
    const message = await refusal(workspace(), { vendor: 'postback' });
    expect(message).toContain('@hookbus/plugin-postback is already mapped in tsconfig.base.json');
    expect(message).toContain(`${REGISTRY_FILE} already imports @hookbus/plugin-postback`);
  });

  it('an event type that is not in the contracts, listing those that are', async () => {
    const message = await refusal(workspace(), { vendor: 'acme', eventType: 'order.shipped' });
    expect(message).toContain('eventType "order.shipped" is not an event type of libs/contracts; one of: order.confirmed, order.cancelled,');
  });

  it.each(['Order', 'order status', 'order/status', '-order'])('the hook %j', async (hook) => {
    expect(await refusal(workspace(), { vendor: 'acme', hook })).toContain(`hook "${hook}" must be lowercase letters and digits`);
  });

  it.each(['', 'Acme\nPay', 'Acme */ Pay', 'x'.repeat(61)])('the title %j', async (title) => {
    expect(await refusal(workspace(), { vendor: 'acme', title })).toContain(`title "${title}" must be 1 to 60 letters`);
  });

  it('with every problem in one message', async () => {
    const message = await refusal(workspace(), { vendor: 'Acme', hook: 'Order', eventType: 'nope' });
    expect(message?.split('\n- ')).toHaveLength(4);
  });
});
