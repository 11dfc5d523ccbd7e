import { memoized } from '../memoized';
import type { EndpointFlowSettings } from './endpoint-flow-settings';
import { EndpointGate } from './endpoint-gate';

/** How long an idle endpoint's gate (what it learned) is kept. */
const FORGET_IDLE_MS = 10 * 60_000;

/** One EndpointGate per endpoint (origin), made on first use and forgotten once idle for a while. */
export class EndpointGates {
  private readonly gates = new Map<string, EndpointGate>();
  private readonly originOf = memoized((url: string) => new URL(url).origin);
  private sweptAt: number;

  constructor(
    private readonly settings: EndpointFlowSettings,
    private readonly clock: () => number = Date.now,
  ) {
    this.sweptAt = clock();
  }

  /** The gate of a URL's endpoint; throws on a URL that does not parse. */
  of(url: string): EndpointGate {
    const endpoint = this.originOf(url);
    let gate = this.gates.get(endpoint);
    if (!gate) {
      this.sweep();
      gate = new EndpointGate(endpoint, this.settings, this.clock);
      this.gates.set(endpoint, gate);
    }
    return gate;
  }

  all(): IterableIterator<EndpointGate> {
    return this.gates.values();
  }

  private sweep(): void {
    const now = this.clock();
    if (now - this.sweptAt < FORGET_IDLE_MS) return;
    this.sweptAt = now;
    for (const [endpoint, gate] of this.gates) if (gate.idle) this.gates.delete(endpoint);
  }
}
