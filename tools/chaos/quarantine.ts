import { ApiClient } from '../../test/support/config-service';
import { OPERATOR_TOKEN } from '../../test/support/service-process';
import { MALFORMED_KEY } from './faults';

/**
 * Where the burst's malformed messages went, and what else was quarantined (an infrastructure fault
 * taken for poison). A consumer group quarantines what it cannot handle; a view of a compacted topic
 * (subscriptions, API keys), which every instance rebuilds from the topic, logs and skips it instead.
 */
export interface QuarantineAccounts {
  /** Distinct messages of the burst quarantined or skipped with a warning, by the topic they were published to. */
  readonly malformedByTopic: Record<string, number>;
  readonly malformed: number;
  /** Quarantined messages that were not the burst's: each is a delivery the faults made into "poison". */
  readonly others: { topic?: string; group?: string; reason?: string }[];
}

interface QuarantinedMessage {
  readonly key: string | null;
  readonly source?: { topic: string; partition: number; offset: string };
  readonly group?: string;
  readonly reason?: string;
}

/** Lists the whole quarantine topic through config-service's operator route (`GET /v1/quarantine`), and reads the views' warnings. */
export async function accountQuarantine(configUrl: string, logged: readonly Record<string, unknown>[]): Promise<QuarantineAccounts> {
  const operator = new ApiClient(configUrl, OPERATOR_TOKEN);
  const items: QuarantinedMessage[] = [];
  let cursor: string | undefined;
  do {
    const page = await operator.get(`/v1/quarantine?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    if (page.status !== 200) throw new Error(`GET /v1/quarantine answered ${page.status}: ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    cursor = page.body.next;
  } while (cursor);
  const malformed = new Map<string, string>();
  const others: QuarantineAccounts['others'] = [];
  for (const item of items) {
    // Every group that reads a topic quarantines its copy: the burst's messages count once each.
    if (item.key?.startsWith(MALFORMED_KEY)) malformed.set(`${item.source?.topic}/${item.source?.partition}/${item.source?.offset}`, item.source?.topic ?? '?');
    else others.push({ topic: item.source?.topic, group: item.group, reason: item.reason });
  }
  for (const line of logged) {
    if (String(line['message']).startsWith('record skipped') && String(line['key']).startsWith(MALFORMED_KEY)) malformed.set(`${line['topic']}/${line['partition']}/${line['offset']}`, String(line['topic']));
  }
  const malformedByTopic: Record<string, number> = {};
  for (const topic of malformed.values()) malformedByTopic[topic] = (malformedByTopic[topic] ?? 0) + 1;
  return { malformedByTopic, malformed: malformed.size, others };
}
