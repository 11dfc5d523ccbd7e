import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { CONSOLE_HEADERS, CONSOLE_PATH, consoleRouter } from './console-files';

describe('consoleRouter', () => {
  let directory: string;
  let server: Server;
  let base: string;
  const get = (pathname: string, init?: RequestInit) => fetch(`${base}${pathname}`, { redirect: 'manual', ...init });

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'hookbus-console-'));
    await mkdir(path.join(directory, 'assets'));
    await writeFile(path.join(directory, 'index.html'), '<!doctype html><title>console</title>');
    await writeFile(path.join(directory, 'assets', 'app-1a2b.js'), 'console.log(1)');
    await writeFile(path.join(directory, 'favicon.svg'), '<svg/>');
    const app = express();
    app.use(CONSOLE_PATH, consoleRouter(directory));
    app.use((_request, response) => response.status(418).end());
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(directory, { recursive: true, force: true });
  });

  const expectConsoleHeaders = (response: Response) => {
    for (const [name, value] of Object.entries(CONSOLE_HEADERS)) expect(response.headers.get(name)).toBe(value);
  };

  it('redirects /console to /console/, keeping the query', async () => {
    const response = await get('/console?x=1');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/console/?x=1');
    expectConsoleHeaders(response);
  });

  it('answers /console/ and every client-side route with index.html, revalidated on each load', async () => {
    for (const route of ['/console/', '/console/deliveries/dlv_1', '/console/portal']) {
      const response = await get(route);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<title>console</title>');
      expectConsoleHeaders(response);
    }
  });

  it('caches content-hashed assets for a year, as immutable', async () => {
    const response = await get('/console/assets/app-1a2b.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe('console.log(1)');
    expectConsoleHeaders(response);
  });

  it('serves other files revalidated, and a missing file as a 404 problem', async () => {
    const icon = await get('/console/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
    const missing = await get('/console/assets/gone-9z.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expectConsoleHeaders(missing);
  });

  it('leaves other paths to the app', async () => {
    expect((await get('/consoles')).status).toBe(418);
    expect((await get('/v1/tenants')).status).toBe(418);
  });

  it('says how to build the console when it is not built', async () => {
    await rm(path.join(directory, 'index.html'));
    try {
      const response = await get('/console/');
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 404, detail: 'The console is not built: run `npm run build`.' });
      expectConsoleHeaders(response);
    } finally {
      await writeFile(path.join(directory, 'index.html'), '<!doctype html><title>console</title>');
    }
  });
});
