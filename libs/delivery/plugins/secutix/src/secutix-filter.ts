/**
 * A parsed SecuTix filter: every condition must hold. A condition walks `path` from the event's
 * `data` (segment names match JSON keys case-insensitively) and holds when some value reached,
 * as a string, equals `value`.
 */
export interface Filter {
  readonly conditions: readonly FilterCondition[];
}

export interface FilterCondition {
  readonly path: readonly FilterSegment[];
  readonly value: string;
}

export interface FilterSegment {
  readonly name: string;
  /** `(*)`: every element; `(Field=Value)`: the elements whose `Field` equals `Value`. */
  readonly selector?: FilterSelector;
}

export type FilterSelector = { readonly kind: 'any' } | { readonly kind: 'match'; readonly field: string; readonly value: string };

/** `position` is the 0-based character offset of the error in the filter text. */
export type FilterParseResult = { ok: true; filter: Filter } | { ok: false; position: number; message: string };
