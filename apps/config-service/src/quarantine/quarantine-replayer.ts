import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { type ConsumedMessage, KafkaBus, QuarantineHeaders } from '@hookbus/kafka';
import { ProblemException } from '@hookbus/platform';
import { originalMessage, parseSource } from './quarantined-message';
import { QuarantineReader } from './quarantine-reader';
import type { ReplayRequest, ReplayView } from './quarantine.schemas';
import { ReplayLedger } from './replay-ledger';

/** Messages of a window replayed per step: read, claimed, published and marked together. */
const WINDOW_STEP = 50;

/**
 * Puts quarantined messages back on their original topic, once each: every message is claimed in
 * the ledger before it is published (a concurrent request finds the claim and skips it), marked
 * replayed once Kafka took it (acks=all), and released if the publish failed, so it can be retried.
 */
@Injectable()
export class QuarantineReplayer {
  private readonly logger = new Logger(QuarantineReplayer.name);

  constructor(
    @Inject(QuarantineReader) private readonly reader: QuarantineReader,
    @Inject(ReplayLedger) private readonly ledger: ReplayLedger,
    @Inject(KafkaBus) private readonly bus: KafkaBus,
  ) {}

  async replay(request: ReplayRequest): Promise<ReplayView> {
    const view: ReplayView = { replayed: [], skipped: [], notFound: [] };
    if (request.ids) {
      const ids = [...new Set(request.ids)];
      const found = await this.reader.byIds(ids);
      view.notFound.push(...ids.filter((id) => !found.has(id)));
      await this.replayStep(ids.flatMap((id) => found.get(id) ?? []), view);
      return view;
    }
    let cursor: string | undefined;
    do {
      const page = await this.reader.page({ topic: request.topic, since: request.since, until: request.until, cursor }, WINDOW_STEP);
      await this.replayStep(page.items, view);
      cursor = page.next;
    } while (cursor !== undefined);
    return view;
  }

  private async replayStep(messages: readonly ConsumedMessage[], view: ReplayView): Promise<void> {
    const claimed: { id: string; topic: string; message: ConsumedMessage }[] = [];
    for (const message of messages) {
      const id = `${message.partition}:${message.offset}`;
      const source = parseSource(message.headers[QuarantineHeaders.source]);
      if (!source) view.notFound.push(id);
      else if (await this.ledger.claim(id, source)) claimed.push({ id, topic: source.topic, message });
      else view.skipped.push(id);
    }
    const topics = [...new Set(claimed.map((entry) => entry.topic))];
    for (const [index, topic] of topics.entries()) {
      const batch = claimed.filter((entry) => entry.topic === topic);
      try {
        await this.bus.publish(topic, batch.map(({ message }) => originalMessage(message)));
      } catch (error) {
        // This topic's claims and those not tried yet go back; earlier topics were published and stay recorded.
        const unpublished = claimed.filter((entry) => topics.indexOf(entry.topic) >= index).map(({ id }) => id);
        await this.ledger.release(unpublished);
        this.logger.warn({ message: 'quarantine replay failed; claims released', ids: unpublished, reason: String(error) });
        throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          'Service Unavailable',
          `Kafka did not take the replay of ${unpublished.join(', ')}, which stay unreplayed. Replayed before the failure: ${view.replayed.join(', ') || 'none'}. Send the request again.`,
        );
      }
      const ids = batch.map(({ id }) => id);
      await this.ledger.markReplayed(ids);
      view.replayed.push(...ids);
      this.logger.log({ message: 'quarantined messages replayed', topic, ids });
    }
  }
}
