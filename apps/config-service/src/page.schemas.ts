import { z } from 'zod';

/** A list answered whole: `{items}`. */
export const listOf = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });

/** A page of a list: `{items, next?}`; `next` is the `cursor` of the following page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    items: z.array(item),
    next: z.string().optional().describe('The `cursor` of the next page; absent on the last page.'),
  });

const NOT_A_CURSOR = 'must be the `next` value of a previous page';

/** `?cursor=` of a list paged by id: the previous page's `next`; absent or empty, the first page. */
export const cursorQuery = z.object({
  cursor: z
    .preprocess((value) => (value === '' ? undefined : value), z.string({ error: NOT_A_CURSOR }).max(64, NOT_A_CURSOR).optional())
    .describe('The `next` value of the previous page.'),
});

export type CursorQuery = z.output<typeof cursorQuery>;
