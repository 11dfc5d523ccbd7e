import { counter } from '@hookbus/platform';

/** Dead letters refused because another one is stored under their release id (each is quarantined). */
export const releaseConflictsTotal = counter({
  name: 'hookbus_retry_release_conflicts_total',
  help: 'Dead letters refused and quarantined because a different dead letter is stored under their release id',
});
