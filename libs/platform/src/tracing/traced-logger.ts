import { ConsoleLogger } from '@nestjs/common';
import { activeTraceIds } from './trace-context';

type JsonLogOptions = Parameters<ConsoleLogger['getJsonLogObject']>[1];

/** Nest's JSON console logger, with the trace and span ids of the span a line is written in. */
export class TracedLogger extends ConsoleLogger {
  protected override getJsonLogObject(message: unknown, options: JsonLogOptions): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const line = super.getJsonLogObject(message, options);
    const ids = activeTraceIds();
    return ids ? { ...line, ...ids } : line;
  }
}
