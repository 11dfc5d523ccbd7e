import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ValidationIssue } from '@hookbus/contracts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An RFC 9457 problem; `errors` lists each offending field with the rule it broke. */
export class ProblemException extends HttpException {
  constructor(status: HttpStatus, title: string, detail?: string, readonly errors?: readonly ValidationIssue[]) {
    super({ title, detail }, status);
  }

  static invalid(issues: readonly ValidationIssue[], detail = 'The request does not satisfy the contract.'): ProblemException {
    return new ProblemException(HttpStatus.BAD_REQUEST, 'Invalid request', detail, issues);
  }
}

/** Renders every HTTP error as `application/problem+json`; unexpected errors are logged, not leaked. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    if (!(exception instanceof HttpException)) this.logger.error(exception);
    const body = exception instanceof HttpException ? exception.getResponse() : undefined;
    const detail = typeof body === 'object' && body !== null ? (body as { detail?: string; message?: unknown }) : {};
    response
      .status(status)
      .type(PROBLEM_CONTENT_TYPE)
      .json({
        type: 'about:blank',
        title: exception instanceof ProblemException ? (body as { title: string }).title : titleOf(status, exception),
        status,
        detail: detail.detail ?? (typeof detail.message === 'string' ? detail.message : undefined),
        errors: exception instanceof ProblemException ? exception.errors : undefined,
      });
  }
}

function titleOf(status: number, exception: unknown): string {
  if (status === HttpStatus.INTERNAL_SERVER_ERROR) return 'Internal Server Error';
  return exception instanceof Error ? exception.message : 'Error';
}
