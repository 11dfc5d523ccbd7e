import { applyDecorators, HttpStatus, type INestApplication } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse, DocumentBuilder, type OpenAPIObject, type SchemaObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { openApiSchema } from './open-api-schema';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { problemSchema } from './problem.schema';

// Decorators that document a route from the zod schemas that validate or shape it, so the document
// (and the console's client generated from it) cannot drift from the code.

/** Documents a JSON body with the same zod schema that validates it. */
export const ApiJsonBody = (schema: z.ZodType, description?: string) =>
  ApiBody({ description, schema: openApiSchema(schema, 'input') });

// `HttpStatus.CREATED` → "Created": the description when neither the route nor the schema gives one.
const statusText = (status: HttpStatus) =>
  (HttpStatus[status] ?? String(status)).replaceAll('_', ' ').toLowerCase().replace(/^./, (first) => first.toUpperCase());

/**
 * Documents a JSON answer: `schema` is what the route returns; type the route's result with
 * `z.output<typeof schema>` so TypeScript holds the code to the document.
 */
export const ApiJsonResponse = (status: HttpStatus, schema: z.ZodType, description?: string) =>
  ApiResponse({ status, description: description ?? schema.description ?? statusText(status), schema: openApiSchema(schema, 'output') });

/** Documents an answer without a body (204 by default). */
export const ApiNoContent = (description = 'Done; no content.', status: HttpStatus = HttpStatus.NO_CONTENT) =>
  ApiResponse({ status, description });

/**
 * Documents one query parameter per property of a zod object, with its type, enum, constraints,
 * description and whether it is required. A query value arrives as a string; where the schema
 * parses it into a number or boolean (`limit`), it is documented as that, as clients send it.
 */
export function ApiJsonQuery(schema: z.ZodObject) {
  const wire = openApiSchema(schema, 'input');
  const parsed = openApiSchema(schema, 'output', 'any');
  return applyDecorators(
    ...Object.keys(schema.shape).map((name) => {
      const sent = wire.properties?.[name] as SchemaObject;
      const read = parsed.properties?.[name] as SchemaObject;
      const { description, ...documented } = ['number', 'integer', 'boolean'].includes(read.type ?? '') ? read : sent;
      return ApiQuery({ name, required: wire.required?.includes(name) ?? false, description, schema: documented });
    }),
  );
}

const PROBLEMS = {
  400: 'The request breaks the contract: `errors` names each field and the rule it broke.',
  401: 'No credentials, or unknown or revoked ones.',
  403: 'The credentials lack the role this route needs.',
  404: 'No such resource (another tenant\'s is not shown either).',
  409: 'The resource is in a state that refuses this request.',
  503: 'A dependency (Kafka, the database) did not take the request; nothing of it was lost, send it again.',
} as const;

export type ProblemStatus = keyof typeof PROBLEMS;

/** Documents the `application/problem+json` answers a route (or every route of a controller) can give. */
export const ApiProblemResponses = (...statuses: ProblemStatus[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEMS[status],
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
      }),
    ),
  );

export interface OpenApiOptions {
  readonly title: string;
  readonly description: string;
  /** A session cookie every bearer-authenticated route also accepts: its name and what to know about it. */
  readonly sessionCookie?: { readonly name: string; readonly description: string };
}

/** The security scheme names the document uses. */
const BEARER = 'bearer';
const COOKIE = 'cookie';

/** The app's OpenAPI document, with the `Problem` schema that ApiProblemResponses refers to. */
export function createOpenApiDocument(app: INestApplication, { title, description, sessionCookie }: OpenApiOptions): OpenAPIObject {
  const builder = new DocumentBuilder().setTitle(title).setDescription(description).setVersion('1').addBearerAuth();
  if (sessionCookie) builder.addCookieAuth(sessionCookie.name, { type: 'apiKey', in: 'cookie', name: sessionCookie.name, description: sessionCookie.description }, COOKIE);
  const config = builder.build();
  config.components = { ...config.components, schemas: { Problem: openApiSchema(problemSchema, 'output') } };
  const document = SwaggerModule.createDocument(app, config);
  return sessionCookie ? withCookieAlternative(document) : document;
}

/** OpenAPI document of the app's routes at `/docs` (UI) and `/docs-json`. */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions): void {
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app, options), { jsonDocumentUrl: 'docs-json' });
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
