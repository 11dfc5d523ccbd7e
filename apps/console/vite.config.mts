import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into dist/apps/console, which config-service serves at /console/ (same origin, no CORS).
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../../dist/apps/console'),
    emptyOutDir: true,
    // The strict Content-Security-Policy allows no inline script or style: everything is a file.
    assetsInlineLimit: 0,
  },
  logLevel: 'warn',
});
