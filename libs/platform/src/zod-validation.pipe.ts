import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { validate } from '@hookbus/contracts';
import { ProblemException } from './problem';

/** Validates a request body with a zod schema; a violation is a 400 problem naming each field and rule. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const result = validate(this.schema, value);
    if (!result.ok) throw ProblemException.invalid(result.issues);
    return result.value;
  }
}
