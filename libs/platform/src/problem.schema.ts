import { z } from 'zod';

/** What ProblemFilter sends for every HTTP error (`application/problem+json`, RFC 9457). */
export const problemSchema = z.strictObject({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string().optional(),
  errors: z
    .array(z.strictObject({ field: z.string(), rule: z.string(), message: z.string() }))
    .optional()
    .describe('On a 400: each offending field (dotted path), the rule it broke, and a message.'),
});

export type ProblemBody = z.output<typeof problemSchema>;
