import { hashKeySecret } from '@hookbus/contracts';
import { timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of the presented bearer token with the operator token. */
export function isOperatorToken(presented: string, operatorToken: string): boolean {
  const a = Buffer.from(hashKeySecret(presented), 'hex');
  const b = Buffer.from(hashKeySecret(operatorToken), 'hex');
  return timingSafeEqual(a, b);
}
