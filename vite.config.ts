import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Client build. The Hono server serves `dist/` in production; `npm run dev:client` proxies /api to it. */
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8787}` } },
});
