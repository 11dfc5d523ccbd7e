import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { issuesOf } from '../../api/problem';
import { Field, FormError } from '../../forms/field';
import { ConfirmDialog } from './confirm-dialog';
import { deliveryKeys, recoverDeliveries, type RecoverWindow } from './deliveries-api';
import type { DeliveryFilter } from './delivery-filter';
import { formatInstant, fromLocalInput, toLocalInput } from './local-time';
import { SelectField } from './select-field';
import { subscriptionLabel, type SubscriptionView } from './use-subscriptions';

const DAY_MS = 24 * 60 * 60_000;

interface RecoverCardProps {
  /** The log's current filter: its window and subscription are the starting point. */
  readonly filter: DeliveryFilter;
  readonly subscriptions: readonly SubscriptionView[];
}

/**
 * Bulk recover: every failed delivery whose first attempt falls in a window is sent again (same
 * `webhook-id`), once its receiver is fixed. Asks first, then says how many went out.
 */
export function RecoverCard({ filter, subscriptions }: RecoverCardProps) {
  const headingId = useId();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => {
    const now = Date.now();
    return {
      since: toLocalInput(filter.since ?? new Date(now - DAY_MS).toISOString()),
      until: toLocalInput(filter.until ?? new Date(now + 60_000).toISOString()),
      subscriptionId: filter.subscriptionId ?? '',
    };
  });
  const [asking, setAsking] = useState<RecoverWindow | undefined>();
  const recover = useMutation({
    mutationFn: recoverDeliveries,
    onSettled: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.all }),
  });
  const set = (key: keyof typeof draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  const issueFor = issuesOf(recover.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // An unreadable date goes to the server as it is, which names the field.
    setAsking({
      since: fromLocalInput(draft.since) ?? draft.since,
      until: fromLocalInput(draft.until) ?? draft.until,
      ...(draft.subscriptionId ? { subscriptionId: draft.subscriptionId } : {}),
    });
  };
  const chosen = subscriptions.find(({ id }) => id === asking?.subscriptionId);
  const fieldIssue = ['since', 'until', 'subscriptionId'].some((field) => issueFor(field));
  return (
    <article aria-labelledby={headingId}>
      <h2 id={headingId}>Recover failed deliveries</h2>
      <p>Once a receiver is fixed, send every delivery that failed in a time window again, with the same <code>webhook-id</code>.</p>
      <form onSubmit={submit}>
        <div className="grid">
          <div>
            <Field label="From" type="datetime-local" required value={draft.since} onChange={set('since')} error={issueFor('since')} hint="First attempt at or after, your local time." />
          </div>
          <div>
            <Field label="Until" type="datetime-local" required value={draft.until} onChange={set('until')} error={issueFor('until')} hint="First attempt before, your local time." />
          </div>
          <div>
            <SelectField label="Subscription" value={draft.subscriptionId} onChange={set('subscriptionId')} error={issueFor('subscriptionId')}>
              <option value="">All subscriptions</option>
              {subscriptions.map((subscription) => (
                <option key={subscription.id} value={subscription.id}>
                  {subscriptionLabel(subscription)}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
        <button type="submit" aria-busy={recover.isPending} disabled={recover.isPending}>
          Recover…
        </button>
      </form>
      <FormError error={recover.error && !fieldIssue ? recover.error : undefined} />
      <div role="status">
        {recover.data && (
          <>
            <p>
              Recovered {recover.data.retried} {recover.data.retried === 1 ? 'delivery' : 'deliveries'}.
            </p>
            {Object.keys(recover.data.skipped).length > 0 && (
              <ul aria-label="Left alone">
                {Object.entries(recover.data.skipped).map(([reason, count]) => (
                  <li key={reason}>
                    {count} left alone: {reason}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      {asking && (
        <ConfirmDialog
          title="Recover failed deliveries?"
          confirm="Recover"
          onClose={() => setAsking(undefined)}
          onConfirm={() => {
            recover.mutate(asking);
            setAsking(undefined);
          }}
        >
          <p>
            Every failed delivery {chosen ? <>of {subscriptionLabel(chosen)} </> : 'of every subscription '}
            whose first attempt was from {safeFormat(asking.since)} until {safeFormat(asking.until)} is sent again.
          </p>
        </ConfirmDialog>
      )}
    </article>
  );
}

const safeFormat = (iso: string) => (Number.isNaN(new Date(iso).getTime()) ? iso : formatInstant(iso));
