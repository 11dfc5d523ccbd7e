import type { Response } from 'express';
import { HealthController } from './health.controller';

const fakeResponse = () => {
  const response = { statusCode: 0, status: (code: number) => ((response.statusCode = code), response) };
  return response;
};

describe('HealthController', () => {
  const up = { name: 'kafka', check: async () => undefined };
  const down = { name: 'db', check: async () => Promise.reject(new Error('connection refused')) };

  it('is ready (200) when every check passes', async () => {
    const response = fakeResponse();
    const body = await new HealthController([up]).ready(response as unknown as Response);
    expect(response.statusCode).toBe(200);
    expect(body).toEqual({ status: 'ready', checks: { kafka: 'up' } });
  });

  it('is unavailable (503) and names the failing check with its reason', async () => {
    const response = fakeResponse();
    const body = await new HealthController([up, down]).ready(response as unknown as Response);
    expect(response.statusCode).toBe(503);
    expect(body).toEqual({ status: 'unavailable', checks: { kafka: 'up', db: 'down: connection refused' } });
  });

  it('reports draining (503) once shutdown has begun, so traffic moves away first', async () => {
    const controller = new HealthController([up]);
    controller.beforeApplicationShutdown();
    const response = fakeResponse();
    expect(await controller.ready(response as unknown as Response)).toMatchObject({ status: 'draining' });
    expect(response.statusCode).toBe(503);
  });
});
