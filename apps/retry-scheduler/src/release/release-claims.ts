import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import type { Knex, EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Inject, Injectable } from '@nestjs/common';
import { changedRows, idSlices, placeholders, selectRows } from '@hookbus/persistence';
import { PendingRelease } from '../store/pending-release.entity';
import { CLAIMED_ROW_COLUMNS, type ClaimedRow, ClaimedRowCodec, type StoredClaimedRow } from './claimed-row.rows';
import { RELEASE_SETTINGS, type ReleaseSettings } from './release-settings';

/** Which due rows a claim may take. */
export type ClaimScope = { readonly paced: false } | { readonly subscriptionId: string };

/** Rows one instance holds for `leaseMs`; `recovered` were claimed before by someone who never marked them. */
export interface Claim {
  readonly token: string;
  readonly rows: readonly ClaimedRow[];
  readonly recovered: readonly ClaimedRow[];
}

/** Unreleased, due, and unclaimed or its claim expired; binds now twice. */
const CLAIMABLE = 'released_at is null and due_at <= ? and (claim_expires_at is null or claim_expires_at <= ?)';

/**
 * Claims due rows with conditional UPDATEs, so several instances never hold the same row: a row is
 * claimable while unreleased and unclaimed or its claim expired, and the UPDATE re-checks that
 * (PostgreSQL re-evaluates the WHERE on a row another transaction just changed; SQLite serialises
 * writers). Whoever's token ends up on the row holds it. Plain statements, no dialect-specific SQL.
 */
@Injectable()
export class ReleaseClaims {
  private readonly codec: ClaimedRowCodec;

  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(RELEASE_SETTINGS) private readonly settings: Pick<ReleaseSettings, 'leaseMs'>,
  ) {
    this.codec = new ClaimedRowCodec(em.getPlatform());
  }

  async claim(scope: ClaimScope, limit: number, now = new Date()): Promise<Claim> {
    const at = this.codec.datetime(now);
    const [inScope, scopeValue] = 'subscriptionId' in scope ? ['subscription_id = ?', scope.subscriptionId] : ['paced = ?', false];
    const candidates = await selectRows<{ id: string; claim_token: string | null }>(
      this.knex(),
      `select id, claim_token from pending_releases where ${inScope} and ${CLAIMABLE} order by due_at, id limit ?`,
      [scopeValue, at, at, limit],
    );
    const token = randomUUID();
    const claimExpiresAt = this.codec.datetime(new Date(now.getTime() + this.settings.leaseMs));
    const fresh = candidates.filter((row) => !row.claim_token).map((row) => row.id);
    const expired = new Set(candidates.filter((row) => row.claim_token).map((row) => row.id));
    for (const ids of idSlices(fresh)) {
      await changedRows(
        this.knex(),
        `update pending_releases set claim_token = ?, claim_expires_at = ?, first_claimed_at = ?` +
          ` where id in (${placeholders(ids.length)}) and claim_token is null and released_at is null`,
        [token, claimExpiresAt, at, ...ids],
      );
    }
    // firstClaimedAt stays: the recovery scan must start before the earliest possible publish.
    for (const ids of idSlices([...expired])) {
      await changedRows(
        this.knex(),
        `update pending_releases set claim_token = ?, claim_expires_at = ?` +
          ` where id in (${placeholders(ids.length)}) and released_at is null and claim_expires_at <= ?`,
        [token, claimExpiresAt, ...ids, at],
      );
    }
    const rows = candidates.length === 0 ? [] : await this.rowsHeldBy(token);
    return { token, rows, recovered: rows.filter((row) => expired.has(row.id)) };
  }

  /** Marks the claim's rows released (tombstones); returns how many were still held by this claim. */
  async markReleased(claim: Pick<Claim, 'token' | 'rows'>, now = new Date()): Promise<number> {
    let marked = 0;
    for (const ids of idSlices(claim.rows.map((row) => row.id))) {
      marked += await changedRows(
        this.knex(),
        `update pending_releases set released_at = ?, claim_expires_at = null` +
          ` where id in (${placeholders(ids.length)}) and claim_token = ? and released_at is null`,
        [this.codec.datetime(now), ...ids, claim.token],
      );
    }
    return marked;
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

  private async rowsHeldBy(token: string): Promise<ClaimedRow[]> {
    const stored = await selectRows<StoredClaimedRow>(
      this.knex(),
      `select ${CLAIMED_ROW_COLUMNS} from pending_releases where claim_token = ? order by due_at, id`,
      [token],
    );
    return stored.map((row) => this.codec.claimedRow(row));
  }

  // Plain SQL on the ORM's connection: hydrating a run's thousand entities (and the query builder)
  // cost most of the CPU of releasing it.
  private knex(): Knex {
    return (this.em as SqlEntityManager).getConnection().getKnex();
  }
}
