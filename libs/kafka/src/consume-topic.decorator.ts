import { applyDecorators, Catch, type ExceptionFilter, UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { type Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC filter turns every error into `{status:'error'}`; this one rethrows the error
 * itself so the consumer can tell a retriable failure from a malformed message.
 */
@Catch()
class RethrowToConsumer implements ExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Marks a controller method as the handler of a hookbus topic (contract name). It receives a
 * ConsumedMessage; resolving means the message's work is durable and its offset may be committed.
 */
export const ConsumeTopic = (topic: string): MethodDecorator & ClassDecorator =>
  applyDecorators(EventPattern(topic), UseFilters(RethrowToConsumer));
