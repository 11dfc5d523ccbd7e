const UNITS: readonly [seconds: number, unit: string][] = [
  [86_400, 'd'],
  [3_600, 'h'],
  [60, 'min'],
  [1, 's'],
];

/** `5` → "5 s", `1800` → "30 min", `5400` → "1 h 30 min": a delay as a person reads it. */
export function formatDelay(seconds: number): string {
  let rest = Math.round(seconds);
  const parts: string[] = [];
  for (const [size, unit] of UNITS) {
    if (rest < size) continue;
    parts.push(`${Math.floor(rest / size)} ${unit}`);
    rest %= size;
  }
  return parts.join(' ') || '0 s';
}

/** "5 s, 5 min and 30 min": the plugin's retry delays in one phrase. */
export function formatDelays(delaysSeconds: readonly number[]): string {
  const delays = delaysSeconds.map(formatDelay);
  return delays.length > 1 ? `${delays.slice(0, -1).join(', ')} and ${delays.at(-1)}` : (delays[0] ?? '');
}
