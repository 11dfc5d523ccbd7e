/**
 * Thrown by a handler for a message that can never succeed (bad JSON, a broken contract):
 * the consumer quarantines it at once instead of retrying.
 */
export class MalformedMessageError extends Error {
  readonly retriable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedMessageError';
  }
}

export const isRetriable = (error: unknown): boolean =>
  !(typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === false);

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
