import { api, type Answer, unwrap } from '../../api/client';

export type SystemState = Answer<'/v1/system', 'get'>;

export const SYSTEM_KEY = ['system'] as const;

/** How often the page asks again: readiness and lag are only worth watching while they move. */
export const SYSTEM_REFRESH_MS = 5000;

export const systemState = () => unwrap(api.GET('/v1/system'));
