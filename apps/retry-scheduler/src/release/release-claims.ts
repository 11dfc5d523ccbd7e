import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { PendingRelease } from '../store/pending-release.entity';
import { RELEASE_SETTINGS, type ReleaseSettings } from './release-settings';

/** Which due rows a claim may take. */
export type ClaimScope = { readonly paced: false } | { readonly subscriptionId: string };

/** Rows one instance holds for `leaseMs`; `recovered` were claimed before by someone who never marked them. */
export interface Claim {
  readonly token: string;
  readonly rows: readonly PendingRelease[];
  readonly recovered: readonly PendingRelease[];
}

/**
 * Claims due rows with conditional UPDATEs, so several instances never hold the same row: a row is
 * claimable while unreleased and unclaimed or its claim expired, and the UPDATE re-checks that
 * (PostgreSQL re-evaluates the WHERE on a row another transaction just changed; SQLite serialises
 * writers). Whoever's token ends up on the row holds it. Plain statements, no dialect-specific SQL.
 */
@Injectable()
export class ReleaseClaims {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(RELEASE_SETTINGS) private readonly settings: Pick<ReleaseSettings, 'leaseMs'>,
  ) {}

  async claim(scope: ClaimScope, limit: number, now = new Date()): Promise<Claim> {
    const candidates = await this.em.fork().find(
      PendingRelease,
      { ...scopeFilter(scope), releasedAt: null, dueAt: { $lte: now }, $or: [{ claimExpiresAt: null }, { claimExpiresAt: { $lte: now } }] },
      { fields: ['id', 'claimToken'], orderBy: { dueAt: 'asc', id: 'asc' }, limit },
    );
    const token = randomUUID();
    const claimExpiresAt = new Date(now.getTime() + this.settings.leaseMs);
    const fresh = candidates.filter((row) => !row.claimToken).map((row) => row.id);
    const expired = new Set(candidates.filter((row) => row.claimToken).map((row) => row.id));
    const em = this.em.fork();
    if (fresh.length > 0) {
      await em.nativeUpdate(PendingRelease, { id: { $in: fresh }, claimToken: null, releasedAt: null }, { claimToken: token, claimExpiresAt, firstClaimedAt: now });
    }
    if (expired.size > 0) {
      // firstClaimedAt stays: the recovery scan must start before the earliest possible publish.
      await em.nativeUpdate(
        PendingRelease,
        { id: { $in: [...expired] }, releasedAt: null, claimExpiresAt: { $lte: now } },
        { claimToken: token, claimExpiresAt },
      );
    }
    const rows = candidates.length === 0 ? [] : await this.em.fork().find(PendingRelease, { claimToken: token }, { orderBy: { dueAt: 'asc', id: 'asc' } });
    return { token, rows, recovered: rows.filter((row) => expired.has(row.id)) };
  }

  /** Marks the claim's rows released (tombstones); returns how many were still held by this claim. */
  async markReleased(claim: Pick<Claim, 'token' | 'rows'>, now = new Date()): Promise<number> {
    if (claim.rows.length === 0) return 0;
    return this.em.fork().nativeUpdate(
      PendingRelease,
      { id: { $in: claim.rows.map((row) => row.id) }, claimToken: claim.token, releasedAt: null },
      { releasedAt: now, claimExpiresAt: null },
    );
  }

  /** Due, unreleased, unclaimed (or claim expired) rows of a subscription: is a run worth taking? */
  dueCount(subscriptionId: string, now = new Date()): Promise<number> {
    return this.em.fork().count(PendingRelease, {
      subscriptionId,
      releasedAt: null,
      dueAt: { $lte: now },
      $or: [{ claimExpiresAt: null }, { claimExpiresAt: { $lte: now } }],
    });
  }

  /** Deletes tombstones released before `before`. */
  purgeReleased(before: Date): Promise<number> {
    return this.em.fork().nativeDelete(PendingRelease, { releasedAt: { $ne: null, $lte: before } });
  }
}

const scopeFilter = (scope: ClaimScope): { paced: false } | { subscriptionId: string } =>
  'subscriptionId' in scope ? { subscriptionId: scope.subscriptionId } : { paced: false };
