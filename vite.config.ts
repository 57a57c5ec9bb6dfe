import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { prerenderFirstScreen } from './scripts/prerender';

export default defineConfig({
  plugins: [
    preact(),
    prerenderFirstScreen(),
    VitePWA({
      // Our own service worker (sw/index.ts); the plugin only injects the precache list.
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,webmanifest,png}'],
      },
    }),
  ],
  // XIZMAT_DIST lets parallel checkouts of the test suite build side by side.
  build: { outDir: process.env.XIZMAT_DIST ?? 'dist', manifest: true, target: 'es2022', sourcemap: false },
});
