import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The console and its public pages: built into web/dist, which `npm start` serves beside /api. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd and echarts are big on their own; each route is its own chunk (React.lazy)
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npm start` serves the API on 3000; BANGFU_API points the dev server at another one
    proxy: {
      '/api': process.env.BANGFU_API ?? 'http://localhost:3000',
      // the local checkout page's buttons post outside /api; its page itself is the app's
      '^/checkout/[^/]+/(pay|cancel)$': process.env.BANGFU_API ?? 'http://localhost:3000',
    },
  },
});
