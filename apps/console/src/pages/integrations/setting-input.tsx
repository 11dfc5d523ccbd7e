import { useId } from 'react';
import { ControlField } from '../../forms/control-field';
import { Field } from '../../forms/field';
import type { SettingValue } from './setting-values';
import type { SettingField as Setting } from './settings-schema';

interface Props {
  readonly field: Setting;
  readonly value: SettingValue;
  readonly onChange: (value: SettingValue) => void;
  /** The server's message about this setting or an entry of it. */
  readonly error?: string;
}

const text = (value: SettingValue) => (typeof value === 'string' ? value : '');
const describeDefault = (value: unknown) => (Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The hint under a setting: the schema's description, and the default when the control cannot show it. */
function hintOf(field: Setting): string | undefined {
  const defaultShown = field.defaultValue === undefined || ['select', 'checkbox', 'checkboxes'].includes(field.control);
  const parts = [field.hint, field.control === 'lines' ? 'One per line.' : undefined, defaultShown ? undefined : `Default: ${describeDefault(field.defaultValue)}.`];
  return parts.filter(Boolean).join(' ') || undefined;
}

/** One plugin setting, edited with the control its JSON Schema type calls for. */
export function SettingInput({ field, value, onChange, error }: Props) {
  const hint = hintOf(field);
  switch (field.control) {
    case 'checkbox':
      return <Field label={field.label} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} error={error} hint={hint} />;
    case 'checkboxes':
      return <CheckboxesField field={field} options={field.options} value={Array.isArray(value) ? value : []} onChange={onChange} error={error} hint={hint} />;
    case 'number':
      return (
        <Field
          label={field.label}
          type="number"
          step={field.integer ? 1 : 'any'}
          min={field.min}
          max={field.max}
          value={text(value)}
          onChange={(event) => onChange(event.target.value)}
          error={error}
          hint={hint}
        />
      );
    case 'select':
      return (
        <ControlField label={field.label} error={error} hint={hint}>
          {(control) => (
            <select {...control} value={text(value)} onChange={(event) => onChange(event.target.value)}>
              {field.defaultValue === undefined && <option value="">{field.required ? 'Choose…' : 'Not set'}</option>}
              {field.options.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
          )}
        </ControlField>
      );
    case 'lines':
    case 'json':
      return (
        <ControlField label={field.label} error={error} hint={hint ?? (field.control === 'json' ? 'JSON.' : undefined)}>
          {(control) => (
            <textarea {...control} rows={field.control === 'json' ? 4 : 3} spellCheck={false} className="code" value={text(value)} onChange={(event) => onChange(event.target.value)} />
          )}
        </ControlField>
      );
    case 'text':
      return (
        <Field
          label={field.label}
          type={field.inputType}
          maxLength={field.maxLength}
          autoComplete="off"
          value={text(value)}
          onChange={(event) => onChange(event.target.value)}
          error={error}
          hint={hint}
        />
      );
  }
}

interface CheckboxesProps {
  readonly field: Setting;
  readonly options: readonly string[];
  readonly value: readonly string[];
  readonly onChange: (value: string[]) => void;
  readonly error?: string;
  readonly hint?: string;
}

/** A list of strings from a fixed set: a checkbox each, kept in the schema's order. */
function CheckboxesField({ field, options, value, onChange, error, hint }: CheckboxesProps) {
  const id = useId();
  const toggle = (option: string, checked: boolean) => onChange(options.filter((each) => (each === option ? checked : value.includes(each))));
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].join(' ').trim() || undefined;
  return (
    <fieldset aria-describedby={described}>
      <legend>{field.label}</legend>
      {options.map((option) => (
        <label key={option}>
          <input type="checkbox" checked={value.includes(option)} onChange={(event) => toggle(option, event.target.checked)} />
          {option}
        </label>
      ))}
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        <small id={`${id}-error`} role="alert" className="field-error">
          {error}
        </small>
      )}
    </fieldset>
  );
}
