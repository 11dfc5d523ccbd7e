/** Header carrying the release id on every published retry, so a crash recovery can find it. */
export const RELEASE_ID_HEADER = 'hookbus-release-id';

/**
 * One row per (delivery, attempt, deferrals): a redelivered dead letter maps to the same row, and
 * each time an attempt is put off (it keeps its number) maps to a row of its own:
 * `${deliveryId}:${attempt}`, or `${deliveryId}:${attempt}:d${deferrals}` once put off.
 */
export const releaseId = (deliveryId: string, attempt: number, deferrals?: number): string =>
  deferrals === undefined ? `${deliveryId}:${attempt}` : `${deliveryId}:${attempt}:d${deferrals}`;
