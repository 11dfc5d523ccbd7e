import type { SettingField } from './settings-schema';

const shown = (value: unknown): string => {
  if (Array.isArray(value)) return value.map(shown).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
};

/** An endpoint's settings in a line each ("Event types: order.*, refund.applied"), those it has. */
export const settingsSummary = (fields: readonly SettingField[], settings: Readonly<Record<string, unknown>>): { label: string; value: string }[] =>
  fields.filter(({ name }) => settings[name] !== undefined && settings[name] !== null).map(({ name, label }) => ({ label, value: shown(settings[name]) }));
