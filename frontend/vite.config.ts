/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs separately (see the lead's Makefile); Vite proxies /api to it.
const apiTarget = process.env.SAMMEN_API ?? 'http://127.0.0.1:8010';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // dkfds's package "exports" lists only its JS; its compiled CSS (and fonts it references) live in dist/.
      'dkfds-css': fileURLToPath(new URL('./node_modules/dkfds/dist/css/dkfds.min.css', import.meta.url)),
    },
  },
  server: { proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1000 },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // room for a lazily loaded page's first render on a busy machine (see src/test/setup.ts)
    testTimeout: 20_000,
  },
});
