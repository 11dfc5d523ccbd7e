import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ControlField } from '../../forms/control-field';
import { Field } from '../../forms/field';
import type { DeliveryFilter } from './delivery-filter';
import { DELIVERY_STATUSES, type DeliveryStatus } from './delivery-statuses';
import { fromLocalInput, toLocalInput } from './local-time';
import { SubscriptionOptions } from './subscription-options';
import type { Subscription } from '../../api/subscriptions';

interface DeliveryFilterFormProps {
  readonly filter: DeliveryFilter;
  readonly subscriptions: readonly Subscription[];
  /** The server's message for a filter field (`until` before `since`, …). */
  readonly issueFor: (field: string) => string | undefined;
  readonly onApply: (filter: DeliveryFilter) => void;
}

/** The delivery log's filters; applying them puts them in the URL, so a filtered view is a link. */
export function DeliveryFilterForm({ filter, subscriptions, issueFor, onApply }: DeliveryFilterFormProps) {
  const [draft, setDraft] = useState(() => ({
    status: filter.status ?? '',
    subscriptionId: filter.subscriptionId ?? '',
    subject: filter.subject ?? '',
    eventId: filter.eventId ?? '',
    since: toLocalInput(filter.since),
    until: toLocalInput(filter.until),
  }));
  const set = (key: keyof typeof draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      status: (draft.status || undefined) as DeliveryStatus | undefined,
      subscriptionId: draft.subscriptionId || undefined,
      subject: draft.subject.trim() || undefined,
      eventId: draft.eventId.trim() || undefined,
      since: fromLocalInput(draft.since),
      until: fromLocalInput(draft.until),
    });
  };
  // A subscription named by the URL but since deleted still shows as chosen.
  const known = !draft.subscriptionId || subscriptions.some(({ id }) => id === draft.subscriptionId);
  return (
    <form aria-label="Filter deliveries" className="filters" onSubmit={submit}>
      <div className="grid">
        <div>
          <ControlField label="Status" error={issueFor('status')}>
            {(control) => (
              <select {...control} value={draft.status} onChange={set('status')}>
                <option value="">Any status</option>
                {DELIVERY_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {status}
                  </option>
                ))}
              </select>
            )}
          </ControlField>
        </div>
        <div>
          <ControlField label="Subscription" error={issueFor('subscriptionId')}>
            {(control) => (
              <select {...control} value={draft.subscriptionId} onChange={set('subscriptionId')}>
                <option value="">All subscriptions</option>
                {!known && <option value={draft.subscriptionId}>{draft.subscriptionId}</option>}
                <SubscriptionOptions subscriptions={subscriptions} />
              </select>
            )}
          </ControlField>
        </div>
      </div>
      <div className="grid">
        <div>
          <Field label="Subject" value={draft.subject} onChange={set('subject')} error={issueFor('subject')} hint="The order, payment or contact id." />
        </div>
        <div>
          <Field label="Event id" value={draft.eventId} onChange={set('eventId')} error={issueFor('eventId')} />
        </div>
      </div>
      <div className="grid">
        <div>
          <Field label="From" type="datetime-local" value={draft.since} onChange={set('since')} error={issueFor('since')} hint="First attempt at or after, your local time." />
        </div>
        <div>
          <Field label="Until" type="datetime-local" value={draft.until} onChange={set('until')} error={issueFor('until')} hint="First attempt before, your local time." />
        </div>
      </div>
      <div className="actions">
        <button type="submit">Filter</button>
        <Link to="/deliveries" className="secondary">
          Clear
        </Link>
      </div>
    </form>
  );
}
