import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { bearerToken, ProblemException } from '@hookbus/platform';
import { ApiKeyView } from './api-key-view';
import { PRODUCER } from './current-producer.decorator';

/** `Authorization: Bearer <api key>` with the producer role; the key's tenant is the request's. */
@Injectable()
export class ProducerAuthGuard implements CanActivate {
  constructor(@Inject(ApiKeyView) private readonly keys: ApiKeyView) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    if (!this.keys.isCaughtUp) {
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'Service Unavailable', 'ingest-service is still loading the API keys; try again in a few seconds.');
    }
    const checked = this.keys.check(bearerToken(request.headers.authorization));
    if (!checked.ok) {
      throw checked.reason === 'not_producer'
        ? new ProblemException(HttpStatus.FORBIDDEN, 'Forbidden', 'This API key lacks the producer role.')
        : new ProblemException(HttpStatus.UNAUTHORIZED, 'Unauthorized', 'Send `Authorization: Bearer <api key>` with a live key of the producer role.');
    }
    request[PRODUCER] = checked.producer;
    return true;
  }
}
