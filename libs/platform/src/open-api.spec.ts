import 'reflect-metadata';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Module, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiJsonBody, ApiJsonQuery, ApiJsonResponse, ApiNoContent, ApiProblemResponses, createOpenApiDocument, withCookieAlternative } from './open-api';

const widget = z.strictObject({
  id: z.string(),
  size: z.int().min(1),
  createdAt: z.iso.datetime(),
  note: z.string().optional(),
});
const widgetInput = z.strictObject({ size: z.int().min(1), note: z.string().optional() });
const widgetQuery = z.object({
  name: z.string(),
  cursor: z.string().optional(),
  state: z.enum(['on', 'off']).optional().describe('Only widgets in this state.'),
  limit: z.string().regex(/^\d+$/).transform(Number).pipe(z.int().min(1).max(50)).optional(),
});

@ApiProblemResponses(401)
@Controller('widgets')
class WidgetsController {
  @Get()
  @ApiJsonQuery(widgetQuery)
  @ApiJsonResponse(HttpStatus.OK, z.strictObject({ items: z.array(widget), next: z.string().optional() }), 'A page of widgets.')
  list(@Query() query: unknown) {
    return query;
  }

  @Post()
  @ApiJsonBody(widgetInput)
  @ApiJsonResponse(HttpStatus.CREATED, widget.describe('The new widget.'))
  @ApiProblemResponses(400)
  create(@Body() body: unknown) {
    return body;
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContent()
  @ApiProblemResponses(404)
  remove() {
    return undefined;
  }
}

@Module({ controllers: [WidgetsController] })
class WidgetsModule {}

const widgetSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    size: { type: 'integer', minimum: 1 },
    createdAt: { type: 'string', format: 'date-time' },
    note: { type: 'string' },
  },
  required: ['id', 'size', 'createdAt'],
  additionalProperties: false,
};
const problem = { $ref: '#/components/schemas/Problem' };

describe('OpenAPI decorators', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    const app = await NestFactory.create(WidgetsModule, { logger: false });
    document = createOpenApiDocument(app, { title: 'widgets', description: 'a test module' });
    await app.close();
  });

  const operation = (method: 'get' | 'post' | 'delete', path: string) => {
    const found = document.paths[path]?.[method];
    if (!found) throw new Error(`${method} ${path} is not documented`);
    return found;
  };

  it('documents a JSON answer with the zod schema, without zod’s date-time regex or safe-integer bounds', () => {
    expect(operation('get', '/widgets').responses).toEqual({
      200: {
        description: 'A page of widgets.',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { items: { type: 'array', items: widgetSchema }, next: { type: 'string' } },
              required: ['items'],
              additionalProperties: false,
            },
          },
        },
      },
      401: { description: expect.any(String), content: { 'application/problem+json': { schema: problem } } },
    });
  });

  it('documents one query parameter per property: required or not, enum, description, and numbers as numbers', () => {
    expect(operation('get', '/widgets').parameters).toEqual(
      expect.arrayContaining([
        { name: 'name', in: 'query', required: true, schema: { type: 'string' } },
        { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'state', in: 'query', required: false, description: 'Only widgets in this state.', schema: { type: 'string', enum: ['on', 'off'] } },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 50 } },
      ]),
    );
    expect(operation('get', '/widgets').parameters).toHaveLength(4);
  });

  it('documents the body, the created answer (its description from the schema) and the problems of the route and of its controller', () => {
    const create = operation('post', '/widgets');
    expect(create.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { type: 'object', properties: { size: { type: 'integer', minimum: 1 }, note: { type: 'string' } }, required: ['size'], additionalProperties: false } } },
    });
    expect(Object.keys(create.responses).sort()).toEqual(['201', '400', '401']);
    expect(create.responses[201]).toEqual({
      description: 'The new widget.',
      content: { 'application/json': { schema: { ...widgetSchema, description: 'The new widget.' } } },
    });
    expect(create.responses[400]).toEqual({ description: expect.stringContaining('`errors`'), content: { 'application/problem+json': { schema: problem } } });
  });

  it('documents a 204 without content', () => {
    const remove = operation('delete', '/widgets/{id}');
    expect(Object.keys(remove.responses).sort()).toEqual(['204', '401', '404']);
    expect(remove.responses[204]).toEqual({ description: expect.any(String) });
  });

  it('defines the Problem schema the problem answers refer to', () => {
    expect(document.components?.schemas?.Problem).toEqual({
      type: 'object',
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        errors: {
          description: expect.any(String),
          type: 'array',
          items: {
            type: 'object',
            properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
            required: ['field', 'rule', 'message'],
            additionalProperties: false,
          },
        },
      },
      required: ['type', 'title', 'status'],
      additionalProperties: false,
    });
  });
});


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
