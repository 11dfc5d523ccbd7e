import type { AnyEventInput } from '@hookbus/client';
import { publisher } from '../connection';
import type { CommandHandler } from './command-handler';
import { jsonFileOption, jsonOption } from './json-input';

/** `events publish`: one event through ingest-service, checked against its contract first. */
export const publishEvent: CommandHandler = async ({ options }, connection) => {
  const data = options.data !== undefined ? jsonOption('data', options.data) : jsonFileOption('data-file', options['data-file'] as string);
  const client = publisher(connection, options.source);
  // The contract, not the command line, decides what type and data are valid: the client checks them.
  const event = await client.publish({ type: options.type, subject: options.subject, data, id: options.id, time: options.time, origin: options.origin } as AnyEventInput);
  return { json: { ids: [event.id] }, human: `published ${event.id} (${event.type}, subject ${event.subject})` };
};
