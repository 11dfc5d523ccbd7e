import type { OpenAPIObject } from '@nestjs/swagger';
import { withCookieAlternative } from './open-api';

describe('withCookieAlternative', () => {
  it('offers the session cookie wherever the bearer token is accepted, and nowhere else', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/v1/things': { get: { responses: {}, security: [{ bearer: [] }] }, post: { responses: {} } },
        '/health/live': { get: { responses: {} } },
      },
    } as unknown as OpenAPIObject;
    const paths = withCookieAlternative(document).paths;
    expect(paths['/v1/things'].get?.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(paths['/v1/things'].post?.security).toBeUndefined();
    expect(paths['/health/live'].get?.security).toBeUndefined();
  });
});
