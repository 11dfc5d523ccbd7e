import { humanise, settingFieldsOf } from './settings-schema';

const schema = (properties: Record<string, unknown>, required: string[] = []) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

describe('settingFieldsOf: a plugin settings schema as form fields', () => {
  it("reads the webhook plugin's schema: free event types one per line (required), mode a select with its default", () => {
    const fields = settingFieldsOf(
      schema(
        { eventTypes: { minItems: 1, type: 'array', items: { type: 'string' } }, mode: { default: 'structured', type: 'string', enum: ['structured', 'binary'] } },
        ['eventTypes'],
      ),
    );
    expect(fields).toEqual([
      { name: 'eventTypes', label: 'Event types', hint: undefined, required: true, defaultValue: undefined, control: 'lines' },
      { name: 'mode', label: 'Mode', hint: undefined, required: false, defaultValue: 'structured', control: 'select', options: ['structured', 'binary'] },
    ]);
  });

  it('makes integers and numbers number fields with their bounds, enum arrays checkboxes, booleans a checkbox', () => {
    const fields = settingFieldsOf(
      schema({
        batchSize: { default: 60, type: 'integer', minimum: 1, maximum: 1000 },
        ratio: { type: 'number' },
        sources: { default: ['admin', 'shop'], type: 'array', items: { type: 'string', enum: ['admin', 'shop', 'funnel'] } },
        verbose: { type: 'boolean', default: false },
      }),
    );
    expect(fields.map(({ name, ...field }) => [name, field])).toEqual([
      ['batchSize', expect.objectContaining({ control: 'number', integer: true, min: 1, max: 1000, defaultValue: 60 })],
      ['ratio', expect.objectContaining({ control: 'number', integer: false, min: undefined, max: undefined })],
      ['sources', expect.objectContaining({ control: 'checkboxes', options: ['admin', 'shop', 'funnel'], defaultValue: ['admin', 'shop'] })],
      ['verbose', expect.objectContaining({ control: 'checkbox', defaultValue: false })],
    ]);
  });

  it('takes the label from title and the hint from description; e-mail and URI strings get their input types', () => {
    const [contact, callback] = settingFieldsOf(
      schema({
        contact: { type: 'string', format: 'email', title: 'Contact address', description: 'Who hears of changes.' },
        callback_url: { type: 'string', format: 'uri', maxLength: 200 },
      }),
    );
    expect(contact).toMatchObject({ label: 'Contact address', hint: 'Who hears of changes.', control: 'text', inputType: 'email' });
    expect(callback).toMatchObject({ label: 'Callback url', control: 'text', inputType: 'url', maxLength: 200 });
  });

  it('edits a nullable setting as its type, and anything it cannot show (objects, arrays of objects, unions) as JSON', () => {
    const fields = settingFieldsOf(
      schema({
        region: { anyOf: [{ type: 'string', enum: ['eu', 'us'] }, { type: 'null' }] },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        rules: { type: 'array', items: { type: 'object' } },
        either: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        untyped: {},
      }),
    );
    expect(fields.map(({ name, control }) => [name, control])).toEqual([
      ['region', 'select'],
      ['headers', 'json'],
      ['rules', 'json'],
      ['either', 'json'],
      ['untyped', 'json'],
    ]);
  });

  it('has no fields for a plugin without settings', () => {
    expect(settingFieldsOf(schema({}))).toEqual([]);
    expect(settingFieldsOf({})).toEqual([]);
  });
});

describe('humanise', () => {
  it.each([
    ['eventTypes', 'Event types'],
    ['deactivateAfterFailures', 'Deactivate after failures'],
    ['batch_size', 'Batch size'],
    ['payload-template', 'Payload template'],
    ['mode', 'Mode'],
  ])('%s → %s', (name, label) => expect(humanise(name)).toBe(label));
});
