import { Body, Controller, Headers, HttpCode, HttpStatus, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { fromBinaryMode } from '@hookbus/contracts';
import { ProblemException } from '@hookbus/platform';
import { acceptEvents } from './accepted-events';
import type { Producer } from './auth/api-key-view';
import { CurrentProducer } from './auth/current-producer.decorator';
import { ProducerAuthGuard } from './auth/producer-auth.guard';
import { EventPublisher } from './event-publisher';

export const MAX_BATCH = 1000;

@ApiBearerAuth()
@Controller('v1/events')
@UseGuards(ProducerAuthGuard)
export class EventsController {
  constructor(@Inject(EventPublisher) private readonly publisher: EventPublisher) {}

  /** One CloudEvent, structured (`application/cloudevents+json`) or binary (`ce-*` headers). */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  async publishOne(
    @CurrentProducer() producer: Producer,
    @Body() body: unknown,
    @Headers() headers: Record<string, string>,
  ): Promise<{ ids: string[] }> {
    const events = acceptEvents([fromBinaryMode(headers, body, 'ce-') ?? body], producer.tenantId, false);
    await this.publisher.publish(events, headers);
    return { ids: events.map(({ event }) => event.id) };
  }

  /** Up to 1,000 structured events; all are accepted or, if any is refused, none. */
  @Post('batch')
  @HttpCode(HttpStatus.ACCEPTED)
  async publishBatch(
    @CurrentProducer() producer: Producer,
    @Body() body: unknown,
    @Headers() headers: Record<string, string>,
  ): Promise<{ ids: string[] }> {
    if (!Array.isArray(body) || body.length === 0 || body.length > MAX_BATCH) {
      throw ProblemException.invalid([
        { field: '(root)', rule: 'batch_size', message: `must be an array of 1 to ${MAX_BATCH} events` },
      ]);
    }
    const events = acceptEvents(body, producer.tenantId, true);
    await this.publisher.publish(events, headers);
    return { ids: events.map(({ event }) => event.id) };
  }
}
