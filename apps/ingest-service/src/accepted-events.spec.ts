import { HttpStatus } from '@nestjs/common';
import { MAX_EVENT_BYTES } from '@hookbus/contracts';
import { ProblemException } from '@hookbus/platform';
import { acceptEvents } from './accepted-events';

const event = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  specversion: '1.0',
  id: 'evt-1',
  source: 'urn:shop',
  type: 'order.completed',
  time: '2026-11-22T10:00:00Z',
  subject: 'order-1',
  data: { note: 'ok' },
  ...overrides,
});

function refusal(run: () => unknown): { status: number; errors: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) return { status: error.getStatus(), errors: error.errors };
    throw error;
  }
  throw new Error('nothing was refused');
}

// An event whose JSON is exactly `bytes` long: the note fills what the rest leaves.
function eventOfBytes(bytes: number): Record<string, unknown> {
  const base = JSON.stringify({ ...event({ data: { note: '' } }), tenantid: 'tnt_a' }).length;
  return event({ data: { note: 'x'.repeat(bytes - base) } });
}

describe('acceptEvents', () => {
  it("sets an absent tenantid to the key's tenant and keeps a matching one", () => {
    const [filled, kept] = acceptEvents([event(), event({ id: 'evt-2', tenantid: 'tnt_a' })], 'tnt_a', true);
    expect(filled.event.tenantid).toBe('tnt_a');
    expect(JSON.parse(filled.json)).toMatchObject({ id: 'evt-1', tenantid: 'tnt_a' });
    expect(kept.event).toMatchObject({ id: 'evt-2', tenantid: 'tnt_a' });
  });

  it("refuses with 403 every event naming another tenant, by index, before looking at anything else", () => {
    expect(refusal(() => acceptEvents([event(), event({ tenantid: 'tnt_b', time: 'noon' })], 'tnt_a', true))).toEqual({
      status: HttpStatus.FORBIDDEN,
      errors: [{ field: '[1].tenantid', rule: 'tenant_of_key', message: "must be absent or the key's tenant tnt_a" }],
    });
    expect(refusal(() => acceptEvents([event({ tenantid: '' })], 'tnt_a', false))).toMatchObject({
      status: HttpStatus.FORBIDDEN,
      errors: [{ field: 'tenantid' }],
    });
  });

  it('refuses with 400 naming each broken field, prefixed by the index in a batch', () => {
    expect(refusal(() => acceptEvents([event(), event({ type: 'order.teleported' })], 'tnt_a', true))).toEqual({
      status: HttpStatus.BAD_REQUEST,
      errors: [expect.objectContaining({ field: '[1].type', rule: 'invalid_value' })],
    });
    expect(refusal(() => acceptEvents(['not an event'], 'tnt_a', true))).toMatchObject({ status: HttpStatus.BAD_REQUEST, errors: [{ field: '[0]' }] });
  });

  it(`accepts an event of exactly ${MAX_EVENT_BYTES} bytes as JSON and refuses one byte more with 413 naming it`, () => {
    expect(acceptEvents([eventOfBytes(MAX_EVENT_BYTES)], 'tnt_a', false)[0].json).toHaveLength(MAX_EVENT_BYTES);
    expect(refusal(() => acceptEvents([event(), eventOfBytes(MAX_EVENT_BYTES + 1)], 'tnt_a', true))).toEqual({
      status: HttpStatus.PAYLOAD_TOO_LARGE,
      errors: [{ field: '[1]', rule: 'max_event_bytes', message: `is ${MAX_EVENT_BYTES + 1} bytes as JSON; at most ${MAX_EVENT_BYTES}` }],
    });
  });

  it('counts the size in bytes of UTF-8, not in characters', () => {
    const wide = event({ data: { note: 'é'.repeat(MAX_EVENT_BYTES / 2) } });
    expect(refusal(() => acceptEvents([wide], 'tnt_a', false))).toMatchObject({ status: HttpStatus.PAYLOAD_TOO_LARGE, errors: [{ field: '(root)' }] });
  });
});
