/** Where a page of the newest-first delivery list ended: the last item's `createdAt` and `id`. */
export interface DeliveryCursor {
  readonly createdAt: Date;
  readonly id: string;
}

/** Opaque to clients: base64url of `[createdAt ISO, id]`. */
export const encodeCursor = ({ createdAt, id }: DeliveryCursor): string =>
  Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');

/** The cursor, or undefined when `value` is not one this service issued. */
export function decodeCursor(value: string): DeliveryCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [at, id] = parsed as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || id === '') return undefined;
    const createdAt = new Date(at);
    return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id };
  } catch {
    return undefined;
  }
}
