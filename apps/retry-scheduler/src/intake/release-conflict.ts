import { isDeepStrictEqual } from 'node:util';

/** A dead letter under a release id, as the store compares them: when it is due, its retry record, whether it went out. */
export interface HeldRelease {
  readonly dueAt: Date;
  /** The retry record's JSON text. */
  readonly recordJson: string;
  readonly releasedAt: Date | null;
}

/**
 * Another dead letter is already stored under this one's release id. Dropping it could leave its
 * delivery `retrying` with nothing pending behind it, so it is refused; waiting cannot change the
 * stored row, so the consumer quarantines it at once (kept, with this message as the reason).
 */
export class ReleaseConflictError extends Error {
  readonly retriable = false;

  constructor(
    readonly releaseId: string,
    detail: string,
  ) {
    super(`release id ${releaseId} already holds another dead letter: ${detail}`);
    this.name = 'ReleaseConflictError';
  }
}

/**
 * Why `offered` is not a redelivery of `held` (stored, or first in its group) and may not be
 * dropped, or undefined when dropping it loses nothing: the same retry record due at the same
 * time, or due at another time while the held one is still pending (delivery-service made the same
 * attempt twice, e.g. after a crash, and the pending release stands for both).
 */
export function conflictOf(held: HeldRelease, offered: Omit<HeldRelease, 'releasedAt'>): string | undefined {
  // Equal text is the usual redelivery; otherwise compare values (key order, escapes).
  if (held.recordJson !== offered.recordJson && !isDeepStrictEqual(JSON.parse(held.recordJson), JSON.parse(offered.recordJson))) {
    return 'its retry record differs';
  }
  if (held.releasedAt && held.dueAt.getTime() !== offered.dueAt.getTime()) {
    return `it is due ${offered.dueAt.toISOString()}, the one released ${held.releasedAt.toISOString()} was due ${held.dueAt.toISOString()}`;
  }
  return undefined;
}
