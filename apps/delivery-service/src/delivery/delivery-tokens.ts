/** The SecretBox that opens the sealed auth and signing secrets of subscription snapshots. */
export const SECRET_BOX = Symbol('SECRET_BOX');
