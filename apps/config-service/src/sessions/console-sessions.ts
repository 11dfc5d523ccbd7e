import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ApiKey } from '../tenants/api-key.entity';
import { ConsoleSession } from './console-session.entity';
import { newSecretToken, tokenSha256 } from './secret-token';
import { principalOfSession, sessionFieldsOf } from './session-principal';

/** How long signing in with an API key or the operator token lasts. */
export const KEY_SESSION_SECONDS = 12 * 3600;

export interface OpenedSession {
  /** The cookie's value; shown only here (the database keeps its SHA-256). */
  readonly token: string;
  readonly expiresAt: Date;
}

/** Console sessions, stored server-side so signing out or revoking a key ends them at once. */
@Injectable()
export class ConsoleSessions {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  async open(principal: Principal, seconds: number, now = new Date()): Promise<OpenedSession> {
    const em = this.em.fork();
    const token = newSecretToken();
    const expiresAt = new Date(now.getTime() + seconds * 1000);
    // Ended sessions are useless; sweeping them here keeps the table the size of the live ones.
    await em.nativeDelete(ConsoleSession, { expiresAt: { $lte: now } });
    em.create(ConsoleSession, { tokenSha256: tokenSha256(token), ...sessionFieldsOf(principal), expiresAt, createdAt: now });
    await em.flush();
    return { token, expiresAt };
  }

  /** The live session of `token`: none when it is unknown, expired, signed out, or its API key was revoked. */
  async find(token: string, now = new Date()): Promise<{ principal: Principal; expiresAt: Date } | undefined> {
    const em = this.em.fork();
    const session = await em.findOne(ConsoleSession, { tokenSha256: tokenSha256(token), expiresAt: { $gt: now } });
    if (!session) return undefined;
    if (session.keyId && (await em.count(ApiKey, { id: session.keyId, revokedAt: null })) === 0) return undefined;
    const principal = principalOfSession(session);
    return principal && { principal, expiresAt: session.expiresAt };
  }

  async end(token: string): Promise<void> {
    await this.em.fork().nativeDelete(ConsoleSession, { tokenSha256: tokenSha256(token) });
  }
}
