import type { INestApplication } from '@nestjs/common';
import { ApiBody, ApiResponse, DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';

/** Documents a JSON body with the same zod schema that validates it, so the docs cannot drift. */
export const ApiJsonBody = (schema: z.ZodType, description?: string) =>
  ApiBody({ description, schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as object });

/** Documents a JSON answer with a zod schema, for clients generated from the document. */
export const ApiJsonResponse = (status: number, schema: z.ZodType, description = '') =>
  ApiResponse({ status, description, schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output' }) as object });

export interface OpenApiOptions {
  readonly title: string;
  readonly description: string;
  /** A session cookie every bearer-authenticated route also accepts: its name and what to know about it. */
  readonly sessionCookie?: { readonly name: string; readonly description: string };
}

/** The security scheme names the document uses. */
const BEARER = 'bearer';
const COOKIE = 'cookie';

/** OpenAPI document of the app's routes at `/docs` (UI) and `/docs-json`. */
export function setupOpenApi(app: INestApplication, { title, description, sessionCookie }: OpenApiOptions): void {
  const builder = new DocumentBuilder().setTitle(title).setDescription(description).setVersion('1').addBearerAuth();
  if (sessionCookie) builder.addCookieAuth(sessionCookie.name, { type: 'apiKey', in: 'cookie', name: sessionCookie.name, description: sessionCookie.description }, COOKIE);
  const config = builder.build();
  const document = () => {
    const created = SwaggerModule.createDocument(app, config);
    return sessionCookie ? withCookieAlternative(created) : created;
  };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/** Every operation that takes the bearer token takes the session cookie instead, too (either one). */
export function withCookieAlternative(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const security = (operation as { security?: Record<string, string[]>[] } | undefined)?.security;
      if (security?.some((requirement) => BEARER in requirement) && !security.some((requirement) => COOKIE in requirement)) security.push({ [COOKIE]: [] });
    }
  }
  return document;
}
