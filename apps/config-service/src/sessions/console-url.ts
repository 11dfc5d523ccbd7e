import type { Request } from 'express';

/** Injection token of HOOKBUS_CONSOLE_URL (null when unset). */
export const CONSOLE_URL = Symbol('CONSOLE_URL');

/** Where the console lives: HOOKBUS_CONSOLE_URL, else `/console/` on the host the request reached. */
export const consoleUrlFor = (configured: string | null, request: Pick<Request, 'protocol' | 'get'>): string =>
  configured ?? `${request.protocol}://${request.get('host')}/console/`;

/**
 * The link a portal token opens. The token travels in the fragment, which browsers never send to a
 * server nor put in a Referer: it stays out of access logs.
 */
export const portalLinkUrl = (consoleUrl: string, token: string): string => `${consoleUrl}portal#${token}`;
