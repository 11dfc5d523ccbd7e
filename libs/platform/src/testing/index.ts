export * from './recorded-spans';
