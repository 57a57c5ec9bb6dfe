// The page renderer the server runs for first visits (src/ui/render-page.tsx), built after the app
// into dist/.ssr (a dot folder: the server never serves it). Everything is bundled in, so the
// server needs no front-end package at run time.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { stringsPlugin } from './scripts/strings-plugin';

export default defineConfig({
  plugins: [preact(), stringsPlugin()],
  ssr: { noExternal: true },
  build: {
    ssr: 'src/ui/render-page.tsx',
    outDir: `${process.env.XIZMAT_DIST ?? 'dist'}/.ssr`,
    emptyOutDir: true,
    target: 'node20',
    copyPublicDir: false,
    sourcemap: false,
  },
});
