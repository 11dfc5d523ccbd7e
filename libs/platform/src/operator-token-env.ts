import { secretString } from './env';
import { localSecret } from './local-secret';

/** Where a local run keeps the HOOKBUS_ADMIN_TOKEN it generated. */
export const LOCAL_ADMIN_TOKEN_FILE = '.data/admin-token';

/** The operator token of the services that check it: config-service, and the ops views of delivery-service and retry-scheduler. */
export const operatorTokenEnv = () => ({
  HOOKBUS_ADMIN_TOKEN: secretString().min(16, 'must be at least 16 characters').optional(),
});

/** HOOKBUS_ADMIN_TOKEN, or on a local run the token generated into `.data/admin-token` (the same for every service). */
export const operatorTokenFromEnv = (env: { readonly HOOKBUS_ADMIN_TOKEN?: string }): string =>
  env.HOOKBUS_ADMIN_TOKEN ?? localSecret(LOCAL_ADMIN_TOKEN_FILE);
