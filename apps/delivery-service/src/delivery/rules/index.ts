// The delivery rules: pure functions from an attempt (made, put off, scheduled or cancelled) to a
// typed decision and the records that carry it; DeliveryPublisher writes them.
export * from './attempt-context';
export * from './attempt-made';
export * from './cancellation-rules';
export * from './deferral-rules';
export * from './delivery-decision';
export * from './rule-clock';
export * from './scheduled-rules';
export * from './verdict-rules';
