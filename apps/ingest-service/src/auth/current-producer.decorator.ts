import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Producer } from './api-key-view';

export const PRODUCER = Symbol('PRODUCER');

/** The producer ProducerAuthGuard authenticated for this request. */
export const CurrentProducer = createParamDecorator(
  (_: unknown, context: ExecutionContext): Producer => context.switchToHttp().getRequest()[PRODUCER],
);
