import { randomUUID } from 'node:crypto';
import { MAX_EVENT_BYTES, parseCloudEvent, type ValidationIssue } from '@hookbus/contracts';
import { InvalidEventError } from './client-errors';
import type { AnyEventInput, PublishedEvent } from './event-input';
import type { OutgoingEvent } from './event-transport';

/**
 * Stands in for the tenant while the event is checked when the API key decides it (over HTTP):
 * ingest-service checks an event without `tenantid` with the key's in its place, and this has the
 * length of config-service's tenant ids, so the size is measured as ingest-service will measure it.
 */
const KEY_TENANT = 'tnt_0000000000000000';

/**
 * The CloudEvents for `inputs`, ids made here once, each checked against the contract as
 * ingest-service checks it; or an InvalidEventError naming every broken field (`[i].field` in a
 * batch) before anything is sent.
 */
export function prepareEvents(inputs: readonly AnyEventInput[], defaults: { source: string; tenantId?: string }, indexed: boolean): OutgoingEvent[] {
  const fieldOf = (index: number, field: string) => (indexed ? `[${index}]${field === '(root)' ? '' : `.${field}`}` : field);
  const events: OutgoingEvent[] = [];
  const issues: ValidationIssue[] = [];
  inputs.forEach((input, index) => {
    const result = parseCloudEvent({ ...cloudEventOf(input, defaults.source), tenantid: defaults.tenantId ?? KEY_TENANT });
    if (!result.ok) return void issues.push(...result.issues.map((issue) => ({ ...issue, field: fieldOf(index, issue.field) })));
    // Measured as ingest-service measures it: with the tenant.
    const bytes = Buffer.byteLength(JSON.stringify(result.value));
    if (bytes > MAX_EVENT_BYTES) {
      return void issues.push({ field: fieldOf(index, '(root)'), rule: 'max_event_bytes', message: `is ${bytes} bytes as JSON; at most ${MAX_EVENT_BYTES}` });
    }
    const { tenantid: _keyTenant, ...withoutTenant } = result.value;
    const event = (defaults.tenantId === undefined ? withoutTenant : result.value) as PublishedEvent;
    events.push({ event, json: JSON.stringify(event) });
  });
  if (issues.length > 0) throw new InvalidEventError(issues);
  return events;
}

function cloudEventOf(input: AnyEventInput, source: string): Record<string, unknown> {
  const { type, subject, data, origin, traceparent, tracestate, time = new Date(), id = randomUUID() } = input;
  return {
    specversion: '1.0',
    id,
    source: input.source ?? source,
    type,
    time: time instanceof Date ? time.toISOString() : time,
    subject,
    ...(origin === undefined ? {} : { origin }),
    ...(traceparent === undefined ? {} : { traceparent }),
    ...(tracestate === undefined ? {} : { tracestate }),
    data,
  };
}
