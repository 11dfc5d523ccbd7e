/** The credentials of an `Authorization: Bearer <token>` header (the scheme is case-insensitive), if any. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  return match?.[1];
}
