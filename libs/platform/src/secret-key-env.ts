import { z } from 'zod';
import { secretString } from './env';
import { localSecret } from './local-secret';
import { isEncodedSecretKey, SECRET_KEY_RULE, SecretBox } from './secret-box';

/** Where a local run keeps the HOOKBUS_SECRET_KEY it generated. */
export const LOCAL_SECRET_KEY_FILE = '.data/secret-key';

const secretKey = (rule: string) => secretString().refine(isEncodedSecretKey, rule);

/**
 * The keys of the services that seal or open subscription secrets (config-service and
 * delivery-service). A rotation sets a new HOOKBUS_SECRET_KEY and moves the old one to
 * HOOKBUS_SECRET_KEY_PREVIOUS until everything sealed under it has been sealed again.
 */
export const secretKeyEnv = () => ({
  /** Seals new secrets and opens them; generated into .data/secret-key on a local run when unset. */
  HOOKBUS_SECRET_KEY: secretKey(SECRET_KEY_RULE).optional(),
  /** Comma-separated keys that only open what they sealed before a rotation. */
  HOOKBUS_SECRET_KEY_PREVIOUS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((key) => key.trim()).filter(Boolean))
    .pipe(z.array(secretKey(`each key ${SECRET_KEY_RULE}`))),
});

export type SecretKeyEnv = z.output<z.ZodObject<ReturnType<typeof secretKeyEnv>>>;

/** The SecretBox of the keys in `env`; the current key from `.data/` when the variable is unset. */
export function secretBoxFromEnv(env: SecretKeyEnv): SecretBox {
  return SecretBox.fromEncodedKeys(env.HOOKBUS_SECRET_KEY ?? localSecret(LOCAL_SECRET_KEY_FILE), env.HOOKBUS_SECRET_KEY_PREVIOUS);
}
