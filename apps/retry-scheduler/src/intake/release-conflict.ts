import { isDeepStrictEqual } from 'node:util';

/** A dead letter under a release id, as the store compares them: its retry record. */
export interface HeldRelease {
  /** The retry record's JSON text. */
  readonly recordJson: string;
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
 * dropped, or undefined when dropping it loses nothing: the same retry record, whenever each is
 * due. A release id names one step of a delivery (its attempt and deferral), so the same record due
 * at another time is that step made twice, by delivery-service handling a message again after a
 * crash: the held release, pending or already out, carries the delivery on for both.
 */
export function conflictOf(held: HeldRelease, offered: HeldRelease): string | undefined {
  // Equal text is the usual redelivery; otherwise compare values (key order, escapes).
  if (held.recordJson !== offered.recordJson && !isDeepStrictEqual(JSON.parse(held.recordJson), JSON.parse(offered.recordJson))) {
    return 'its retry record differs';
  }
  return undefined;
}
