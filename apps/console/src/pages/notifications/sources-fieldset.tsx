import { useId } from 'react';
import { type Source, SOURCES } from './notifications-api';
import { SOURCE_NAMES } from './notification-events';

interface Props {
  readonly value: readonly Source[];
  readonly onChange: (value: Source[]) => void;
  readonly error?: string;
}

/** "Sources: Admin, Shop and Funnel": notify only when the event happened on the sources checked. */
export function SourcesFieldset({ value, onChange, error }: Props) {
  const id = useId();
  const toggle = (source: Source, checked: boolean) => onChange(SOURCES.filter((each) => (each === source ? checked : value.includes(each))));
  return (
    <fieldset aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].join(' ').trim()}>
      <legend>Sources</legend>
      {SOURCES.map((source) => (
        <label key={source}>
          <input type="checkbox" checked={value.includes(source)} onChange={(event) => toggle(source, event.target.checked)} />
          {SOURCE_NAMES[source]}
        </label>
      ))}
      <small id={`${id}-hint`}>Every contact, order and subscription comes from one of these; the channel is notified only of events from the sources checked.</small>
      {error && (
        <small id={`${id}-error`} role="alert" className="field-error">
          {error}
        </small>
      )}
    </fieldset>
  );
}
