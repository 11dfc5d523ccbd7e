import { ProblemError } from '../../api/problem';
import type { SettingField } from './settings-schema';

/** What a setting's control holds: text (numbers and JSON too), a checkbox, or the values checked. */
export type SettingValue = string | boolean | readonly string[];
export type SettingValues = Readonly<Record<string, SettingValue>>;

/** The entries of a one-per-line field, as they are sent (blank lines dropped). */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function valueOf(field: SettingField, saved: unknown): SettingValue {
  switch (field.control) {
    case 'checkbox':
      return saved === true;
    case 'checkboxes':
      return Array.isArray(saved) ? saved.filter((each): each is string => typeof each === 'string') : [];
    case 'lines':
      return Array.isArray(saved) ? saved.join('\n') : '';
    case 'json':
      return saved === undefined ? '' : JSON.stringify(saved, null, 2);
    default:
      return typeof saved === 'string' || typeof saved === 'number' ? String(saved) : '';
  }
}

/** The form's values: the subscription's settings, or the schema's defaults for a new one. */
export const settingValuesOf = (fields: readonly SettingField[], saved: Readonly<Record<string, unknown>> | undefined): SettingValues =>
  Object.fromEntries(fields.map((field) => [field.name, valueOf(field, saved ? saved[field.name] : field.defaultValue)]));

const invalidJson = (name: string) => new ProblemError(400, 'Invalid settings', 'A setting is not valid JSON.', [{ field: `settings.${name}`, rule: 'json', message: 'is not valid JSON' }]);

function toSend(field: SettingField, value: SettingValue | undefined, cleared: null | undefined): unknown {
  if (typeof value === 'boolean' || Array.isArray(value)) return value;
  const text = typeof value === 'string' ? value.trim() : '';
  // An optional field left empty is left to its default (`cleared`); a required one is sent, so the server names it.
  if (text === '' && !field.required) return cleared;
  switch (field.control) {
    case 'lines':
      return linesOf(text);
    case 'number':
      // Not a number: sent as typed, so the server's message says what is wrong.
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        throw invalidJson(field.name);
      }
    default:
      return text;
  }
}

/**
 * The settings to send. An optional field left empty is `cleared`: left out of a create, `null` in
 * a PATCH (the stored value goes and the default applies). Throws a ProblemError naming a setting
 * whose JSON does not parse, which the form shows beside it like the server's own.
 */
export function settingsToSend(fields: readonly SettingField[], values: SettingValues, cleared: null | undefined): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field.name, toSend(field, values[field.name], cleared)]));
}
