import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const hub = process.env.HUB_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': hub, '/healthz': hub, '/.well-known': hub, '/collab': { target: hub, ws: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or module-preload polyfill: the hub's CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
});
