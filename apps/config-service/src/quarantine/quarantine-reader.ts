import { Inject, Injectable } from '@nestjs/common';
import { Topics } from '@hookbus/contracts';
import { type ConsumedMessage, KafkaBus, type OffsetRange, QuarantineHeaders } from '@hookbus/kafka';
import { parseSource, quarantineIdOf } from './quarantined-message';

export interface QuarantineWindow {
  /** Only messages quarantined from this topic. */
  readonly topic?: string;
  readonly since?: Date;
  readonly until?: Date;
  /** `<partition>:<offset>` to start at (a previous page's `next`). */
  readonly cursor?: string;
}

const QUARANTINE_TOPIC = Topics.quarantine.name;

const parseId = (id: string): { partition: number; offset: bigint } => {
  const [partition, offset] = id.split(':');
  return { partition: Number(partition), offset: BigInt(offset) };
};

/**
 * Reads the quarantine topic in pages ordered by partition then offset. A page holds at most
 * `limit` messages of each partition while it is read, so a large quarantine is never loaded whole.
 */
@Injectable()
export class QuarantineReader {
  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus) {}

  async page(window: QuarantineWindow, limit: number): Promise<{ items: ConsumedMessage[]; next?: string }> {
    const ranges = this.fromCursor(await this.bus.offsetWindow(QUARANTINE_TOPIC, window.since, window.until), window.cursor);
    const byPartition = new Map<number, ConsumedMessage[]>();
    await this.bus.readRanges(QUARANTINE_TOPIC, ranges, (message) => {
      if (window.topic !== undefined && parseSource(message.headers[QuarantineHeaders.source])?.topic !== window.topic) return true;
      const kept = byPartition.get(message.partition) ?? [];
      kept.push(message);
      byPartition.set(message.partition, kept);
      return kept.length < limit;
    });
    const items = [...byPartition.keys()]
      .sort((a, b) => a - b)
      .flatMap((partition) => byPartition.get(partition) ?? [])
      .slice(0, limit);
    const last = items.at(-1);
    return items.length === limit && last ? { items, next: `${last.partition}:${BigInt(last.offset) + 1n}` } : { items };
  }

  /** The messages with these ids that retention still holds. */
  async byIds(ids: readonly string[]): Promise<Map<string, ConsumedMessage>> {
    const wanted = new Set(ids);
    const held = await this.bus.offsetWindow(QUARANTINE_TOPIC);
    const ranges: OffsetRange[] = [];
    for (const { partition, start, end } of held) {
      const offsets = ids.map(parseId).filter((id) => id.partition === partition && id.offset >= start && id.offset < end).map(({ offset }) => offset);
      if (offsets.length === 0) continue;
      const first = offsets.reduce((a, b) => (a < b ? a : b));
      const last = offsets.reduce((a, b) => (a > b ? a : b));
      ranges.push({ partition, start: first, end: last + 1n });
    }
    const found = new Map<string, ConsumedMessage>();
    const left = new Map(ranges.map(({ partition }) => [partition, [...wanted].filter((id) => parseId(id).partition === partition).length]));
    await this.bus.readRanges(QUARANTINE_TOPIC, ranges, (message) => {
      const id = quarantineIdOf(message);
      if (!wanted.has(id) || found.has(id)) return true;
      found.set(id, message);
      const remaining = (left.get(message.partition) ?? 1) - 1;
      left.set(message.partition, remaining);
      return remaining > 0;
    });
    return found;
  }

  private fromCursor(ranges: readonly OffsetRange[], cursor: string | undefined): OffsetRange[] {
    const sorted = [...ranges].sort((a, b) => a.partition - b.partition);
    if (cursor === undefined) return sorted;
    const at = parseId(cursor);
    return sorted
      .filter(({ partition }) => partition >= at.partition)
      .map((range) => (range.partition === at.partition && range.start < at.offset ? { ...range, start: at.offset } : range));
  }
}
