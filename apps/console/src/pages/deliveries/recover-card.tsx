import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { issuesOf } from '../../api/problem';
import { ControlField } from '../../forms/control-field';
import { Field } from '../../forms/field';
import { FormProblem } from '../../forms/form-problem';
import { ConfirmModal } from '../../forms/modal';
import { deliveryKeys, recoverDeliveries, type RecoverWindow } from './deliveries-api';
import type { DeliveryFilter } from './delivery-filter';
import { formatInstant, fromLocalInput, toLocalInput } from './local-time';
import { SubscriptionOptions } from './subscription-options';
import { subscriptionLabel, type Subscription } from '../../api/subscriptions';

const DAY_MS = 24 * 60 * 60_000;

interface RecoverCardProps {
  /** The log's current filter: its window and subscription are the starting point. */
  readonly filter: DeliveryFilter;
  readonly subscriptions: readonly Subscription[];
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
    // Awaited: the log shows the recovered deliveries under way by the time the count appears.
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
  return (
    <article aria-labelledby={headingId}>
      <h2 id={headingId}>Recover failed deliveries</h2>
      <p>
        Once a receiver is fixed, send every delivery that failed in a time window again, with the same <code>webhook-id</code>.
      </p>
      <form onSubmit={submit}>
        <div className="grid">
          <div>
            <Field label="From" type="datetime-local" required value={draft.since} onChange={set('since')} error={issueFor('since')} hint="First attempt at or after, your local time." />
          </div>
          <div>
            <Field label="Until" type="datetime-local" required value={draft.until} onChange={set('until')} error={issueFor('until')} hint="First attempt before, your local time." />
          </div>
          <div>
            <ControlField label="Subscription" error={issueFor('subscriptionId')}>
              {(control) => (
                <select {...control} value={draft.subscriptionId} onChange={set('subscriptionId')}>
                  <option value="">All subscriptions</option>
                  <SubscriptionOptions subscriptions={subscriptions} />
                </select>
              )}
            </ControlField>
          </div>
        </div>
        <FormProblem error={recover.error} fields={['since', 'until', 'subscriptionId']} />
        <button type="submit" aria-busy={recover.isPending} disabled={recover.isPending}>
          Recover…
        </button>
      </form>
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
        <ConfirmModal
          title="Recover failed deliveries?"
          confirm="Recover"
          busy={recover.isPending}
          onClose={() => setAsking(undefined)}
          onConfirm={() => recover.mutate(asking, { onSettled: () => setAsking(undefined) })}
        >
          <p>
            Every failed delivery {chosen ? <>of {subscriptionLabel(chosen)} </> : 'of every subscription '}
            whose first attempt was from {readable(asking.since)} until {readable(asking.until)} is sent again.
          </p>
        </ConfirmModal>
      )}
    </article>
  );
}

const readable = (iso: string) => (Number.isNaN(new Date(iso).getTime()) ? iso : formatInstant(iso));
