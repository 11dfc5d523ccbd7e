/** When a rule decides and the dice it throws for jitter: the system's in the service, fixed in specs. */
export interface RuleClock {
  readonly now: Date;
  readonly random: () => number;
}

export const systemClock = (): RuleClock => ({ now: new Date(), random: Math.random });
