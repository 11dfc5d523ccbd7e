import type { INestApplication } from '@nestjs/common';
import { ApiBody, ApiOkResponse, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';

/** Documents a JSON body with the same zod schema that validates it, so the docs cannot drift. */
export const ApiJsonBody = (schema: z.ZodType, description?: string) =>
  ApiBody({ description, schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as object });

/** Documents a 200 JSON answer with a zod schema, so generated clients type what a route returns. */
export const ApiJsonResponse = (schema: z.ZodType, description?: string) =>
  ApiOkResponse({ description, schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output' }) as object });

/** OpenAPI document of the app's routes at `/docs` (UI) and `/docs-json`. */
export function setupOpenApi(app: INestApplication, title: string, description: string): void {
  const config = new DocumentBuilder().setTitle(title).setDescription(description).setVersion('1').addBearerAuth().build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs-json' });
}
