import { ProblemError } from '../../api/problem';
import { settingsToSend, settingValuesOf } from './setting-values';
import { settingFieldsOf } from './settings-schema';

const fields = settingFieldsOf({
  type: 'object',
  properties: {
    eventTypes: { type: 'array', items: { type: 'string' } },
    mode: { default: 'structured', type: 'string', enum: ['structured', 'binary'] },
    batchSize: { default: 60, type: 'integer' },
    note: { type: 'string' },
    sources: { default: ['admin', 'shop', 'funnel'], type: 'array', items: { type: 'string', enum: ['admin', 'shop', 'funnel'] } },
    verbose: { type: 'boolean' },
    headers: { type: 'object' },
  },
  required: ['eventTypes'],
});

describe('setting values: what the form shows and what it sends', () => {
  it("shows a new endpoint's defaults, and a saved endpoint's settings", () => {
    expect(settingValuesOf(fields, undefined)).toEqual({ eventTypes: '', mode: 'structured', batchSize: '60', note: '', sources: ['admin', 'shop', 'funnel'], verbose: false, headers: '' });
    expect(
      settingValuesOf(fields, { eventTypes: ['order.*', 'refund.applied'], mode: 'binary', batchSize: 5, sources: ['shop'], verbose: true, headers: { a: '1' } }),
    ).toEqual({ eventTypes: 'order.*\nrefund.applied', mode: 'binary', batchSize: '5', note: '', sources: ['shop'], verbose: true, headers: '{\n  "a": "1"\n}' });
  });

  it('sends lines as a list, numbers as numbers, JSON parsed; an empty optional field is left out of a create', () => {
    const values = { eventTypes: ' order.*\n\nrefund.applied \n', mode: 'binary', batchSize: '5', note: '  ', sources: ['shop'], verbose: true, headers: '{"a": "1"}' };
    const sent = settingsToSend(fields, values, undefined);
    expect(JSON.parse(JSON.stringify(sent))).toEqual({ eventTypes: ['order.*', 'refund.applied'], mode: 'binary', batchSize: 5, sources: ['shop'], verbose: true, headers: { a: '1' } });
  });

  it('clears an emptied optional field in a PATCH (null), and still sends an empty required one for the server to name', () => {
    const values = { eventTypes: '', mode: 'structured', batchSize: '', note: '', sources: [], verbose: false, headers: '' };
    expect(settingsToSend(fields, values, null)).toEqual({ eventTypes: [], mode: 'structured', batchSize: null, note: null, sources: [], verbose: false, headers: null });
  });

  it('sends what is not a number as typed, so the server says what is wrong', () => {
    expect(settingsToSend(fields, { eventTypes: 'order.*', batchSize: 'many' }, undefined)['batchSize']).toBe('many');
  });

  it('refuses JSON that does not parse with a problem naming the setting, as the server names a field', () => {
    let thrown: unknown;
    try {
      settingsToSend(fields, { eventTypes: 'order.*', headers: '{"a":' }, undefined);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemError);
    expect((thrown as ProblemError).issueFor('settings.headers')).toBe('is not valid JSON');
  });
});
