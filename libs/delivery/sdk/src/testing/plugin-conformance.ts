import type { z } from 'zod';
import type { DeliverablePlugin } from '../deliverable-plugin';
import { CLASSIFY_CASES, classifyProblems, definitionProblems, fixtureProblems, renderProblems, type ConformanceFixture } from './conformance-checks';

export type { ConformanceFixture } from './conformance-checks';

/**
 * Declares Jest tests of the properties every delivery plugin must have, whatever its dialect:
 * fixtures cover every hook with valid subscriptions their events match; render gives an absolute
 * URL on the subscription's origin with an allowed method, sendable headers (secrets marked, no
 * signature headers), valid JSON under a JSON content type, deterministically and without
 * mutating its input; classify judges 200, 410, 429, 5xx, `Retry-After` and transport errors
 * sanely. Call it at the top level of a plugin's spec, next to the dialect's exact-bytes tests.
 */
export function runPluginConformance<Settings extends z.ZodObject>(
  plugin: DeliverablePlugin<Settings>,
  fixtures: readonly ConformanceFixture<z.output<Settings>>[],
): void {
  if (fixtures.length === 0) throw new Error(`runPluginConformance(${plugin.vendor}) needs at least one fixture`);
  const anyPlugin = plugin as unknown as DeliverablePlugin<z.ZodObject>;
  const all = fixtures as readonly ConformanceFixture[];

  describe(`${plugin.vendor} plugin conformance`, () => {
    it('has a sane timeout and a fixture for every hook', () => {
      expect(definitionProblems(anyPlugin, all)).toEqual([]);
    });

    describe.each(all.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
      it('is a valid subscription that the event is routed to and matches', () => {
        expect(fixtureProblems(anyPlugin, fixture)).toEqual([]);
      });

      it('renders a sendable request', () => {
        expect(renderProblems(anyPlugin, fixture)).toEqual([]);
      });
    });

    it.each(CLASSIFY_CASES.map((entry) => [entry.name, entry] as const))('classifies %s sanely', (_name, entry) => {
      expect(classifyProblems(anyPlugin, all[0], entry)).toEqual([]);
    });
  });
}
