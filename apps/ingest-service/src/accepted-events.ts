import { HttpStatus } from '@nestjs/common';
import { type HookbusEvent, MAX_EVENT_BYTES, parseCloudEvent, type ValidationIssue } from '@hookbus/contracts';
import { ProblemException } from '@hookbus/platform';

/** An event ready to publish: valid, of the producer's tenant, and its JSON within MAX_EVENT_BYTES. */
export interface AcceptedEvent {
  readonly event: HookbusEvent;
  readonly json: string;
}

/**
 * What a producer posted, as events to publish, or the problem that refuses all of them: 403 naming
 * each event whose `tenantid` is not the key's (an absent one is set to it), 400 naming each broken
 * field, 413 naming each event larger than MAX_EVENT_BYTES. `indexed` prefixes fields with `[i]`.
 */
export function acceptEvents(inputs: readonly unknown[], tenantId: string, indexed: boolean): AcceptedEvent[] {
  const fieldOf = (index: number, field: string) => (indexed ? `[${index}]${field === '(root)' ? '' : `.${field}`}` : field);

  refuseIfAny(HttpStatus.FORBIDDEN, 'Forbidden', "An API key publishes its own tenant's events only.", inputs.flatMap((input, index) =>
    namesOtherTenant(input, tenantId) ? [{ field: fieldOf(index, 'tenantid'), rule: 'tenant_of_key', message: `must be absent or the key's tenant ${tenantId}` }] : []));

  const events: HookbusEvent[] = [];
  const invalid: ValidationIssue[] = [];
  inputs.forEach((input, index) => {
    const result = parseCloudEvent(withTenant(input, tenantId));
    if (result.ok) events.push(result.value);
    else invalid.push(...result.issues.map((issue) => ({ ...issue, field: fieldOf(index, issue.field) })));
  });
  refuseIfAny(HttpStatus.BAD_REQUEST, 'Invalid request', 'The request does not satisfy the contract.', invalid);

  const accepted = events.map((event) => ({ event, json: JSON.stringify(event) }));
  refuseIfAny(HttpStatus.PAYLOAD_TOO_LARGE, 'Payload Too Large', `An event may be at most ${MAX_EVENT_BYTES} bytes as JSON.`, accepted.flatMap(({ json }, index) => {
    const bytes = Buffer.byteLength(json);
    return bytes > MAX_EVENT_BYTES ? [{ field: fieldOf(index, '(root)'), rule: 'max_event_bytes', message: `is ${bytes} bytes as JSON; at most ${MAX_EVENT_BYTES}` }] : [];
  }));
  return accepted;
}

const isRecord = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null && !Array.isArray(input);

const namesOtherTenant = (input: unknown, tenantId: string): boolean =>
  isRecord(input) && input.tenantid !== undefined && input.tenantid !== tenantId;

const withTenant = (input: unknown, tenantId: string): unknown =>
  isRecord(input) && input.tenantid === undefined ? { ...input, tenantid: tenantId } : input;

function refuseIfAny(status: HttpStatus, title: string, detail: string, issues: readonly ValidationIssue[]): void {
  if (issues.length > 0) throw new ProblemException(status, title, detail, issues);
}
