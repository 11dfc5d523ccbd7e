import { z } from 'zod';
import { assertDeliverable, DEFAULT_DELIVERY_TIMEOUT_MS } from './deliverable-plugin';
import { defaultClassify } from './default-classifier';
import type { DeliveryPluginDefinition } from './delivery-plugin';

const configOnly: DeliveryPluginDefinition = {
  vendor: 'fake',
  title: 'Fake',
  hooks: [{ name: 'confirmed', eventTypes: ['order.confirmed'] }],
  methods: ['POST'],
  defaultMethod: 'POST',
  authTypes: ['none'],
  settingsSchema: z.strictObject({}),
  retry: { delaysSeconds: [1] },
};
const render = () => ({ method: 'POST' as const, url: 'https://x.example/', headers: {}, body: '', secretHeaders: [] });

describe('assertDeliverable', () => {
  it('fills the default timeout and keeps the rest', () => {
    const plugin = assertDeliverable({ ...configOnly, render, classify: defaultClassify });
    expect(plugin).toMatchObject({ vendor: 'fake', render, classify: defaultClassify, timeoutMs: DEFAULT_DELIVERY_TIMEOUT_MS });
    expect(assertDeliverable({ ...plugin, timeoutMs: 30_000 }).timeoutMs).toBe(30_000);
  });

  it('refuses a configuration-only definition', () => {
    expect(() => assertDeliverable(configOnly)).toThrow('Delivery plugin "fake" cannot deliver: no render()');
    expect(() => assertDeliverable({ ...configOnly, render })).toThrow('no classify()');
  });

  it.each([0, -1, 1.5, NaN])('refuses timeoutMs %d', (timeoutMs) => {
    expect(() => assertDeliverable({ ...configOnly, render, classify: defaultClassify, timeoutMs })).toThrow('timeoutMs must be');
  });
});
