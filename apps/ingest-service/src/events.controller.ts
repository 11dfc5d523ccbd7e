import { Body, Controller, Headers, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { fromBinaryMode, type HookbusEvent, parseCloudEvent, type ValidationIssue } from '@hookbus/contracts';
import { ProblemException } from '@hookbus/platform';
import { EventPublisher } from './event-publisher';

export const MAX_BATCH = 1000;

@Controller('v1/events')
export class EventsController {
  constructor(@Inject(EventPublisher) private readonly publisher: EventPublisher) {}

  /** One CloudEvent, structured (`application/cloudevents+json`) or binary (`ce-*` headers). */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  async publishOne(@Body() body: unknown, @Headers() headers: Record<string, string>): Promise<{ ids: string[] }> {
    const event = validOrThrow([fromBinaryMode(headers, body, 'ce-') ?? body]);
    await this.publisher.publish(event);
    return { ids: event.map(({ id }) => id) };
  }

  /** Up to 1,000 structured events; all are accepted or, if any is invalid, none. */
  @Post('batch')
  @HttpCode(HttpStatus.ACCEPTED)
  async publishBatch(@Body() body: unknown): Promise<{ ids: string[] }> {
    if (!Array.isArray(body) || body.length === 0 || body.length > MAX_BATCH) {
      throw ProblemException.invalid([
        { field: '(root)', rule: 'batch_size', message: `must be an array of 1 to ${MAX_BATCH} events` },
      ]);
    }
    const events = validOrThrow(body, true);
    await this.publisher.publish(events);
    return { ids: events.map(({ id }) => id) };
  }
}

function validOrThrow(inputs: readonly unknown[], indexed = false): HookbusEvent[] {
  const events: HookbusEvent[] = [];
  const issues: ValidationIssue[] = [];
  inputs.forEach((input, index) => {
    const result = parseCloudEvent(input);
    if (result.ok) events.push(result.value);
    else issues.push(...result.issues.map((issue) => (indexed ? { ...issue, field: `[${index}].${issue.field}` } : issue)));
  });
  if (issues.length > 0) throw ProblemException.invalid(issues);
  return events;
}
