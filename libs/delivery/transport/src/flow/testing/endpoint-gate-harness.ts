// What the EndpointGate specs share: small settings, answers as the sender reports them, and
// admissions a test can watch settle.
import type { SendResult } from '../../send-result';
import type { Admission, Permit } from '../admission';
import type { EndpointFlowSettings } from '../endpoint-flow-settings';
import type { EndpointGate } from '../endpoint-gate';

export const settings: EndpointFlowSettings = {
  initialConcurrency: 2,
  maxConcurrency: 4,
  stallFloorMs: 1_000,
  stallFactor: 10,
  queueLimit: 3,
  queueFullMs: 500,
  retreatMs: 10_000,
  maxRetreatMs: 40_000,
  maxPauseMs: 60_000,
  circuit: { failures: 3, windowMs: 10_000, coolDownMs: 5_000, maxCoolDownMs: 20_000 },
};

export const answer = (status: number, durationMs = 1, headers: Record<string, string> = {}): SendResult => ({ kind: 'response', status, headers, body: '', truncated: false, durationMs });
export const timeout: SendResult = { kind: 'error', error: 'timeout', message: 'no answer within 30000 ms', durationMs: 30_000 };

export const permitOf = (admission: Admission): Permit => {
  if (!admission.go) throw new Error(`put off: ${admission.reason}`);
  return admission.permit;
};

/** Admissions as they settle: the test sees which resolved, in order. */
export function admitted(gate: EndpointGate, count: number, mayDefer = true) {
  const settled: (Admission | undefined)[] = new Array(count).fill(undefined);
  const order: number[] = [];
  for (let n = 0; n < count; n += 1) {
    void gate.admit(mayDefer).then((admission) => {
      settled[n] = admission;
      order.push(n);
    });
  }
  return { settled, order };
}

export const flush = () => jest.advanceTimersByTimeAsync(0);
