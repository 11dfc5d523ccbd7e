/** Header carrying the release id on every published retry, so a crash recovery can find it. */
export const RELEASE_ID_HEADER = 'hookbus-release-id';

/** One row per (delivery, attempt): a redelivered dead letter maps to the same row. */
export const releaseId = (deliveryId: string, attempt: number): string => `${deliveryId}:${attempt}`;
