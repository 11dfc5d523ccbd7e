/** How a setting is edited: chosen from its type in the plugin's JSON Schema. */
export type SettingControl =
  | { readonly control: 'text'; readonly inputType: 'text' | 'email' | 'url'; readonly maxLength?: number }
  | { readonly control: 'select'; readonly options: readonly string[] }
  | { readonly control: 'checkbox' }
  | { readonly control: 'number'; readonly integer: boolean; readonly min?: number; readonly max?: number }
  // An array of strings: a checkbox per value when they are listed, else one entry per line.
  | { readonly control: 'checkboxes'; readonly options: readonly string[] }
  | { readonly control: 'lines' }
  // Anything else is typed as JSON.
  | { readonly control: 'json' };

/** One setting of a plugin as the generic form shows it. */
export type SettingField = SettingControl & {
  /** The key in `settings`. */
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly required: boolean;
  /** The schema's `default`, shown in a new form and applied by the server when the setting is left out. */
  readonly defaultValue?: unknown;
};

type SchemaNode = Readonly<Record<string, unknown>>;

const nodeOf = (value: unknown): SchemaNode | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as SchemaNode) : undefined);
const numberOf = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const stringsOf = (value: unknown): string[] | undefined => (Array.isArray(value) && value.every((each) => typeof each === 'string') ? value : undefined);

/** A nullable setting (`anyOf: [X, {type: "null"}]`) is edited as X; leaving it empty clears it. */
function withoutNull(node: SchemaNode): SchemaNode {
  const branches = Array.isArray(node['anyOf']) ? node['anyOf'].map(nodeOf) : undefined;
  const rest = branches?.filter((branch) => branch?.['type'] !== 'null');
  return rest?.length === 1 && rest[0] ? { ...rest[0], ...node, anyOf: undefined } : node;
}

/** `eventTypes` → "Event types", `batch_size` → "Batch size": a label for a setting the schema gives no title. */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function controlOf(node: SchemaNode): SettingControl {
  switch (node['type']) {
    case 'string': {
      const options = stringsOf(node['enum']);
      if (options) return { control: 'select', options };
      const inputType = node['format'] === 'email' ? 'email' : node['format'] === 'uri' ? 'url' : 'text';
      return { control: 'text', inputType, maxLength: numberOf(node['maxLength']) };
    }
    case 'boolean':
      return { control: 'checkbox' };
    case 'integer':
    case 'number':
      return { control: 'number', integer: node['type'] === 'integer', min: numberOf(node['minimum']), max: numberOf(node['maximum']) };
    case 'array': {
      const items = nodeOf(node['items']);
      if (items?.['type'] !== 'string') return { control: 'json' };
      const options = stringsOf(items['enum']);
      return options ? { control: 'checkboxes', options } : { control: 'lines' };
    }
    default:
      return { control: 'json' };
  }
}

/**
 * The settings of a plugin as form fields, in the schema's order, from `GET /v1/plugins`'
 * `settingsSchema` (JSON Schema draft 2020-12 of what a client sends). A property's `title` is its
 * label (else its name in words) and its `description` the hint beneath.
 */
export function settingFieldsOf(schema: Readonly<Record<string, unknown>>): SettingField[] {
  const properties = nodeOf(schema['properties']) ?? {};
  const required = stringsOf(schema['required']) ?? [];
  return Object.entries(properties).map(([name, value]) => {
    const node = withoutNull(nodeOf(value) ?? {});
    const title = typeof node['title'] === 'string' ? node['title'] : undefined;
    const description = typeof node['description'] === 'string' ? node['description'] : undefined;
    return { name, label: title ?? humanise(name), hint: description, required: required.includes(name), defaultValue: node['default'], ...controlOf(node) };
  });
}
