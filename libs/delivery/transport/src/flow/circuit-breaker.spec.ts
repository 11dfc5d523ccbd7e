import { CircuitBreaker } from './circuit-breaker';

const settings = { failures: 3, windowMs: 10_000, coolDownMs: 1_000, maxCoolDownMs: 3_000 };

describe('CircuitBreaker', () => {
  it('opens after the consecutive failures, for the cool-down, then lets one probe through', () => {
    const circuit = new CircuitBreaker(settings);
    circuit.failed(0);
    circuit.failed(1);
    expect(circuit.state(2)).toBe('closed');
    circuit.failed(2);
    expect(circuit.state(3)).toBe('open');
    expect(circuit.allows(500)).toBe(false);
    expect(circuit.reopensAt).toBe(1_002);
    expect(circuit.state(1_002)).toBe('half-open');
    expect(circuit.allows(1_002)).toBe(true);
    expect(circuit.allows(1_003)).toBe(false);
    expect(circuit.timesOpened).toBe(1);
  });

  it("closes on the probe's answer, and counts failures from zero again", () => {
    const circuit = new CircuitBreaker(settings);
    [0, 1, 2].forEach((at) => circuit.failed(at));
    circuit.allows(1_002);
    circuit.succeeded();
    expect(circuit.state(1_003)).toBe('closed');
    circuit.failed(1_004);
    circuit.failed(1_005);
    expect(circuit.state(1_006)).toBe('closed');
  });

  it("opens again for twice as long when the probe fails, up to the longest cool-down", () => {
    const circuit = new CircuitBreaker(settings);
    [0, 1, 2].forEach((at) => circuit.failed(at));
    circuit.allows(1_002);
    circuit.failed(1_010);
    expect(circuit.reopensAt).toBe(3_010);
    circuit.allows(3_010);
    circuit.failed(3_020);
    expect(circuit.reopensAt).toBe(6_020);
    circuit.allows(6_020);
    circuit.failed(6_030);
    expect(circuit.reopensAt).toBe(9_030);
  });

  it('opens on failures that each come within the window of the one before, however long the streak', () => {
    // An endpoint holding every request until its timeout fails once per timeout.
    const circuit = new CircuitBreaker(settings);
    [0, 9_000, 18_000].forEach((at) => circuit.failed(at));
    expect(circuit.state(18_001)).toBe('open');
  });

  it('does not open on failures further apart than the window, nor on failures broken by an answer', () => {
    const spread = new CircuitBreaker(settings);
    [0, 10_001, 20_002].forEach((at) => spread.failed(at));
    expect(spread.state(20_003)).toBe('closed');
    const broken = new CircuitBreaker(settings);
    broken.failed(0);
    broken.failed(1);
    broken.succeeded();
    broken.failed(2);
    expect(broken.state(3)).toBe('closed');
  });
});
