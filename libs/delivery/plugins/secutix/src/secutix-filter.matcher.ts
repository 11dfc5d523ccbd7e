import type { Filter, FilterSegment } from './secutix-filter';

/**
 * Whether an `order.closed` event's `data` passes the filter. Values compare as strings (numbers
 * and booleans in their JSON spelling); an array is only entered through a selector, and a selector
 * on a single object treats it as a one-element list.
 */
export function matchesFilter(filter: Filter, data: unknown): boolean {
  return filter.conditions.every(({ path, value }) =>
    path.reduce<unknown[]>((reached, segment) => reached.flatMap((node) => step(node, segment)), [data]).some((leaf) => text(leaf) === value),
  );
}

function step(node: unknown, { name, selector }: FilterSegment): unknown[] {
  const child = property(node, name);
  if (child === undefined) return [];
  if (!selector) return [child];
  const elements = Array.isArray(child) ? child : [child];
  if (selector.kind === 'any') return elements;
  return elements.filter((element) => text(property(element, selector.field)) === selector.value);
}

// Exact key first, then the first key equal ignoring case.
function property(node: unknown, name: string): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const record = node as Record<string, unknown>;
  if (Object.hasOwn(record, name)) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}
