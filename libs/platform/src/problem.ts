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
    const problem = toProblem(exception);
    if (problem.status >= 500) this.logger.error(exception);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).json({ type: 'about:blank', ...problem });
  }
}

interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: readonly ValidationIssue[];
}

function toProblem(exception: unknown): Problem {
  if (exception instanceof ProblemException) {
    const { title, detail } = exception.getResponse() as { title: string; detail?: string };
    return { status: exception.getStatus(), title, detail, errors: exception.errors };
  }
  if (exception instanceof HttpException) {
    const body = exception.getResponse();
    const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
    return { status: exception.getStatus(), title: exception.message, detail: typeof message === 'string' ? message : undefined };
  }
  // body-parser's errors (too large, bad JSON, bad charset) carry a 4xx status meant to be shown.
  const clientError = exception as { status?: unknown; expose?: unknown; message?: unknown; limit?: unknown };
  if (typeof clientError.status === 'number' && clientError.status < 500 && clientError.expose === true) {
    const detail = clientError.status === HttpStatus.PAYLOAD_TOO_LARGE
      ? `The request body exceeds the limit of ${String(clientError.limit)} bytes.`
      : String(clientError.message);
    return { status: clientError.status, title: titleOf(clientError.status), detail };
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, title: 'Internal Server Error' };
}

function titleOf(status: number): string {
  return status === HttpStatus.PAYLOAD_TOO_LARGE ? 'Payload Too Large' : 'Bad Request';
}
