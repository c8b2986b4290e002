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
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // the public pages' own small parts (nav bar, price, photo, icons, empty states, the
              // shop's API hooks) in one file rather than a dozen: fewer requests before the shop
              // shows (issue 16: ≤ 20). Parts that use antd-mobile stay with the pages using them.
              name: 'shop-common',
              includeDependenciesRecursively: false,
              test: (id) =>
                /web[\\/]src[\\/]shop[\\/]/.test(id) && !/[\\/](mobile|ShopShell|ConcernForm|QuantityStepper)\.tsx?$/.test(id) && !/\.css$/.test(id),
            },
          ],
        },
      },
    },
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
