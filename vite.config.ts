import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { prerenderFirstScreen } from './scripts/prerender';
import { stringsPlugin } from './scripts/strings-plugin';

export default defineConfig({
  plugins: [
    preact(),
    stringsPlugin(),
    prerenderFirstScreen(),
    VitePWA({
      // Our own service worker (sw/sw.ts, built to sw.js); the plugin only injects the precache list.
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        // Code, the shell and the small icon. Not the CSS (inlined into index.html), not the install
        // icons (fetched by the system while online), not the strings (only the languages in use are
        // kept, at run time: sw/sw.ts).
        globPatterns: ['**/*.{js,html,webmanifest}', 'icons/icon-192.png'],
      },
    }),
  ],
  // XIZMAT_DIST lets parallel checkouts of the test suite build side by side.
  build: {
    outDir: process.env.XIZMAT_DIST ?? 'dist', manifest: true, target: 'es2022', sourcemap: false,
    // The strings stay files of their own (src/services/i18n.ts fetches one language), never inlined.
    assetsInlineLimit: (file) => (file.endsWith('.json') ? false : undefined),
    // All CSS is one file, inlined into index.html (scripts/prerender.ts): no lazy chunk fetches it
    // again as a stylesheet (it is not precached, so offline that fetch would fail the import).
    cssCodeSplit: false,
  },
});
