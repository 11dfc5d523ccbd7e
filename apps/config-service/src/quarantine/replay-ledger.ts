import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import type { MessageSource } from './quarantined-message';
import { QuarantineReplay } from './quarantine-replay.entity';

/** A claim older than this was left by a request that died between claiming and publishing. */
export const STALE_CLAIM_MS = 5 * 60_000;

/** The durable record of replays: claim before publishing, mark once published, release if it failed. */
@Injectable()
export class ReplayLedger {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  /** When each of these ids was replayed (ids never replayed are absent). */
  async replayedAt(ids: readonly string[]): Promise<Map<string, Date>> {
    if (ids.length === 0) return new Map();
    const rows = await this.em.fork().find(QuarantineReplay, { quarantineId: { $in: [...ids] }, replayedAt: { $ne: null } });
    return new Map(rows.map((row) => [row.quarantineId, row.replayedAt as Date]));
  }

  /**
   * Claims one replay: true when this caller may publish it. The primary key makes the insert
   * fail for a second caller; a stale unfinished claim is taken over by a conditional update.
   */
  async claim(quarantineId: string, source: MessageSource, now = new Date()): Promise<boolean> {
    const em = this.em.fork();
    try {
      await em.insert(QuarantineReplay, {
        quarantineId,
        sourceTopic: source.topic,
        sourcePartition: source.partition,
        sourceOffset: source.offset,
        claimedAt: now,
      });
      return true;
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
    const stale = new Date(now.getTime() - STALE_CLAIM_MS);
    return (await em.nativeUpdate(QuarantineReplay, { quarantineId, replayedAt: null, claimedAt: { $lt: stale } }, { claimedAt: now })) === 1;
  }

  async markReplayed(quarantineIds: readonly string[], now = new Date()): Promise<void> {
    if (quarantineIds.length > 0) await this.em.fork().nativeUpdate(QuarantineReplay, { quarantineId: { $in: [...quarantineIds] } }, { replayedAt: now });
  }

  /** Gives claims back after a failed publish, so a later request replays them. */
  async release(quarantineIds: readonly string[]): Promise<void> {
    if (quarantineIds.length > 0) await this.em.fork().nativeDelete(QuarantineReplay, { quarantineId: { $in: [...quarantineIds] }, replayedAt: null });
  }
}
