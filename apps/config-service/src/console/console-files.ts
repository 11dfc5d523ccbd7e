import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { PROBLEM_CONTENT_TYPE } from '@hookbus/platform';

/** Where the console is served. */
export const CONSOLE_PATH = '/console';

/**
 * The console loads only its own scripts, styles, images and fonts, talks only to this origin, and
 * cannot be framed: an injected script or a clickjacking page gets nowhere.
 */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
    "manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

const NOT_BUILT = 'The console is not built: run `npm run build`.';

/**
 * The built single-page console under `/console/`: `assets/` (content-hashed names) cached for a
 * year, other files and every client-side route (a path without an extension, answered with
 * index.html) revalidated on each load so a new build shows at once.
 */
export function consoleRouter(directory: string): Router {
  const router = express.Router();
  const index = path.join(directory, 'index.html');
  router.use((request: Request, response: Response, next: NextFunction) => {
    response.set(CONSOLE_HEADERS);
    // `/console` itself: relative asset URLs in index.html resolve only under `/console/`.
    if (request.originalUrl.split('?')[0] === CONSOLE_PATH) {
      const query = request.originalUrl.slice(CONSOLE_PATH.length);
      response.redirect(301, `${CONSOLE_PATH}/${query}`);
      return;
    }
    next();
  });
  router.use('/assets', express.static(path.join(directory, 'assets'), { index: false, redirect: false, immutable: true, maxAge: '365d' }));
  router.use(express.static(directory, { index: false, redirect: false, cacheControl: false, setHeaders: (response) => response.set('Cache-Control', 'no-cache') }));
  router.get(/.*/, (request: Request, response: Response, next: NextFunction) => {
    if (path.extname(request.path) !== '') return next();
    if (!existsSync(index)) return notFound(response, NOT_BUILT);
    response.set('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  router.use((_request: Request, response: Response) => notFound(response, 'No such file in the console.'));
  return router;
}

function notFound(response: Response, detail: string): void {
  response.status(404).type(PROBLEM_CONTENT_TYPE).json({ type: 'about:blank', status: 404, title: 'Not Found', detail });
}
