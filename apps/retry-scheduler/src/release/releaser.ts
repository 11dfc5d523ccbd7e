import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Topics } from '@hookbus/contracts';
import { findHeaderValues, KafkaBus } from '@hookbus/kafka';
import { RELEASE_ID_HEADER } from '../store/release-id';
import type { ClaimedRow } from './claimed-row.rows';
import { type Claim, ReleaseClaims } from './release-claims';
import { RELEASE_SETTINGS, type ReleaseSettings } from './release-settings';
import { recoveredTotal, releasedTotal, releaseLateness } from './release.metrics';

/**
 * A claim is published in slices this large with a pause between them. A paced run releases up to
 * its whole batch at once; published in one go, its CPU burst on a shared machine delayed every
 * other service's work by hundreds of milliseconds. Spread out, 1,000 rows take ~0.3 s longer.
 */
const SLICE_ROWS = 250;
const SLICE_PAUSE_MS = 100;

/**
 * Publishes a claim's rows to the retry topic and marks them released.
 *
 * Nothing lost, nothing released twice: a row is stored before its dead letter's offset commits;
 * it is published (acks=all, with its release id as a header) before it is marked released. A
 * crash between publish and mark leaves the row claimed; once the claim expires another instance
 * (or the restart) claims it again as "recovered" and first reads the retry topic from the offsets
 * at its first claim time (minus a margin for clock skew) to the end, and publishes only the rows
 * whose release id is not there. If the scan cannot finish, nothing is published or marked and
 * the claim is simply retried later. The one gap left: a publish still in flight when its lease
 * runs out (the lease is far longer than kafkajs's request timeout).
 */
@Injectable()
export class Releaser {
  private readonly logger = new Logger(Releaser.name);

  constructor(
    @Inject(KafkaBus) private readonly bus: KafkaBus,
    @Inject(ReleaseClaims) private readonly claims: ReleaseClaims,
    @Inject(RELEASE_SETTINGS) private readonly settings: ReleaseSettings,
  ) {}

  /** Returns how many rows were published now (recovered ones found on the topic are not counted). */
  async release(claim: Claim): Promise<number> {
    if (claim.rows.length === 0) return 0;
    const published = await this.alreadyPublished(claim.recovered);
    const toPublish = claim.rows.filter((row) => !published.has(row.id));
    for (let start = 0; start < toPublish.length; start += SLICE_ROWS) {
      if (start > 0) await sleep(SLICE_PAUSE_MS);
      // The stored JSON text is the message: no parse and stringify per row.
      await this.bus.publish(
        Topics.retries.name,
        toPublish.slice(start, start + SLICE_ROWS).map((row) => ({ key: row.deliveryId, value: row.recordJson, headers: { [RELEASE_ID_HEADER]: row.id } })),
      );
    }
    const releasedAt = new Date();
    const marked = await this.claims.markReleased(claim, releasedAt);
    if (marked < claim.rows.length) {
      // Only if the publish outlived the lease: another instance may have released some of them too.
      this.logger.warn({ message: 'claim lost before marking', claimed: claim.rows.length, marked });
    }
    this.record(toPublish, releasedAt, published.size, claim.rows.length);
    return toPublish.length;
  }

  private async alreadyPublished(recovered: readonly ClaimedRow[]): Promise<Set<string>> {
    if (recovered.length === 0) return new Set();
    const firstClaim = Math.min(...recovered.map((row) => (row.firstClaimedAt ?? row.dueAt).getTime()));
    const found = await findHeaderValues({
      brokers: this.settings.brokers,
      clientId: this.settings.clientId,
      topic: this.bus.topicName(Topics.retries.name),
      header: RELEASE_ID_HEADER,
      values: new Set(recovered.map((row) => row.id)),
      since: new Date(firstClaim - this.settings.scanMarginMs),
    });
    recoveredTotal.inc(found.size);
    this.logger.log({ message: 'expired claims recovered', recovered: recovered.length, alreadyPublished: found.size });
    return found;
  }

  private record(published: readonly ClaimedRow[], releasedAt: Date, alreadyPublished: number, claimed: number): void {
    let maxLatenessMs = 0;
    for (const row of published) {
      const latenessMs = releasedAt.getTime() - row.dueAt.getTime();
      maxLatenessMs = Math.max(maxLatenessMs, latenessMs);
      releasedTotal.inc({ paced: String(row.paced) });
      releaseLateness.observe({ paced: String(row.paced) }, latenessMs / 1000);
    }
    this.logger.log({
      message: 'released batch',
      claimed,
      published: published.length,
      alreadyPublished,
      // A paced claim is one subscription's run.
      subscriptionId: published[0]?.paced ? published[0].subscriptionId : undefined,
      maxLatenessMs,
      releaseIds: published.slice(0, 50).map((row) => row.id),
    });
  }
}
