import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

// Bounds zod gives every `z.int()`; they tell a reader nothing.
const MIN_SAFE = Number.MIN_SAFE_INTEGER;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * A zod schema as an OpenAPI 3.0 schema object: `input` for what a client sends, `output` for what
 * a route answers. zod's date-time regex is dropped (`format: date-time` says it), and so are the
 * safe-integer bounds of `z.int()`. Anything without a JSON form throws, unless `unrepresentable` is
 * `any` (it then documents no constraint).
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output', unrepresentable: 'throw' | 'any' = 'throw'): SchemaObject {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable,
    override: ({ jsonSchema }) => {
      if (jsonSchema.format === 'date-time') delete jsonSchema.pattern;
      if (jsonSchema.type === 'integer' && jsonSchema.minimum === MIN_SAFE) delete jsonSchema.minimum;
      if (jsonSchema.type === 'integer' && jsonSchema.maximum === MAX_SAFE) delete jsonSchema.maximum;
    },
  }) as SchemaObject;
}
