import { getProjects, names, readJson, type Tree } from '@nx/devkit';
import { EVENT_TYPES, type EventType } from '@hookbus/contracts';
import { REGISTRY_FILE } from './registry-entry';

/** What `nx g @hookbus/workspace:plugin` takes (see schema.json). */
export interface PluginGeneratorOptions {
  vendor: string;
  title?: string;
  hook?: string;
  eventType?: string;
}

/** The options, checked and completed, with the names the templates and edits use. */
export interface PluginNames {
  readonly vendor: string;
  readonly title: string;
  readonly hook: string;
  readonly eventType: EventType;
  /** `acme-pay` gives `acmePay` (`acmePayPlugin`) and `AcmePay` (`AcmePayPluginModule`). */
  readonly propertyName: string;
  readonly className: string;
  readonly projectName: string;
  readonly projectRoot: string;
  readonly importPath: string;
}

export const PLUGINS_DIR = 'libs/delivery/plugins';
export const DEFAULT_HOOK = 'event';
export const DEFAULT_EVENT_TYPE: EventType = 'order.confirmed';

// The vendor becomes a folder, a project name and TypeScript identifiers, so it starts with a letter.
const VENDOR = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
// Hook names look like `order-status` or, for postback, `order.completed`.
const HOOK = /^[a-z][a-z0-9]*(?:[-._][a-z0-9]+)*$/;
// The title lands in string literals and comments of the generated code.
const TITLE = /^[\p{L}\p{N}][\p{L}\p{N} .&'()+-]{0,59}$/u;

/** Checks the options against the rules and the workspace; throws one error naming every problem. */
export function pluginNames(tree: Tree, options: PluginGeneratorOptions): PluginNames {
  const vendor = options.vendor ?? '';
  const hook = options.hook ?? DEFAULT_HOOK;
  const eventType = options.eventType ?? DEFAULT_EVENT_TYPE;
  const title = options.title ?? vendor.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
  const { propertyName, className } = names(vendor);
  const projectRoot = `${PLUGINS_DIR}/${vendor}`;
  const importPath = `@hookbus/plugin-${vendor}`;
  const projectName = `plugin-${vendor}`;

  const problems: string[] = [];
  if (!VENDOR.test(vendor)) {
    problems.push(`vendor "${vendor}" must be lowercase letters, digits and single hyphens, starting with a letter (e.g. acme or acme-pay)`);
  } else {
    problems.push(...clashes(tree, { vendor, projectRoot, importPath, projectName }));
  }
  if (!HOOK.test(hook)) problems.push(`hook "${hook}" must be lowercase letters and digits, separated by single - . or _ (e.g. order-status)`);
  if (!TITLE.test(title)) problems.push(`title "${title}" must be 1 to 60 letters, digits, spaces or . & ' ( ) + -, starting with a letter or digit`);
  if (!isEventType(eventType)) problems.push(`eventType "${eventType}" is not an event type of libs/contracts; one of: ${EVENT_TYPES.join(', ')}`);
  if (problems.length > 0) throw new Error(`Cannot generate the plugin:\n- ${problems.join('\n- ')}`);

  // Checked above: an unknown type is one of the problems.
  return { vendor, title, hook, eventType: eventType as EventType, propertyName, className, projectName, projectRoot, importPath };
}

function clashes(tree: Tree, plugin: Pick<PluginNames, 'vendor' | 'projectRoot' | 'importPath' | 'projectName'>): string[] {
  const found: string[] = [];
  if (tree.exists(plugin.projectRoot)) found.push(`${plugin.projectRoot} already exists: vendor "${plugin.vendor}" is taken`);
  if (getProjects(tree).has(plugin.projectName)) found.push(`a project named ${plugin.projectName} already exists`);
  const paths = tree.exists('tsconfig.base.json') ? (readJson(tree, 'tsconfig.base.json').compilerOptions?.paths ?? {}) : {};
  if (plugin.importPath in paths) found.push(`${plugin.importPath} is already mapped in tsconfig.base.json`);
  if (tree.read(REGISTRY_FILE, 'utf-8')?.includes(`'${plugin.importPath}'`)) found.push(`${REGISTRY_FILE} already imports ${plugin.importPath}`);
  return found;
}

const isEventType = (type: string): type is EventType => (EVENT_TYPES as readonly string[]).includes(type);
