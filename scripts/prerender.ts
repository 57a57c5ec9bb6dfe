// Vite plugin: puts the prerendered first screen into index.html and inlines the app's CSS, so the first
// paint needs only the HTML (docs/first-visit.md, "What the server sends"; PROXX's render-static.js).
// It runs before vite-plugin-pwa lists index.html for the precache, so the revision matches. The
// server renders first visits the same way, per page and language, into this same index.html.
import preact from '@preact/preset-vite';
import { createServer, type Plugin } from 'vite';
import { LOCALES, isLocale } from '../src/contract/locales';
import { STRINGS_ASSET, stringsPlugin } from './strings-plugin';
import { SHELL_MARKERS, STRING_FILES_RECORD, stringPreloadTag, type PageRenderer, type StringFiles } from '../src/contract/page-seed';

/** The placeholder in index.html that receives the rendered screen. */
const MOUNT = '<div id="app"></div>';
/**
 * Two jobs before the app's script arrives. Other routes also get this shell (the service worker's
 * navigation fallback): hide its home screen there until the app has rendered the right one, unless
 * the server rendered this very page (data-rendered). And a form the server rendered can be filled
 * before the app takes over: hold a Continue pressed meanwhile (main.tsx presses it again), so a
 * form is never sent away from the page. main.tsx sets data-app and removes the class.
 */
const EARLY_GUARD = `<script>var d=document.documentElement;if(location.pathname!=='/'&&!d.dataset.rendered)d.classList.add('booting');`
  + `document.addEventListener('submit',function(e){if(!d.dataset.app){e.preventDefault();d.dataset.pendingSubmit='1'}},true)</script>`
  + `<style>.booting #app{visibility:hidden}</style>`;

async function renderFirstScreen(root: string): Promise<string> {
  const server = await createServer({
    root, configFile: false, logLevel: 'error', appType: 'custom',
    plugins: [preact(), stringsPlugin()], server: { middlewareMode: true, hmr: false, ws: false },
  });
  try {
    const module = await server.ssrLoadModule('/src/ui/render-page.tsx');
    // The shell's home screen, before any data is on the phone.
    return await (module as unknown as PageRenderer).renderPage({ path: '/', locale: 'uz' });
  } finally {
    await server.close();
  }
}

export function prerenderFirstScreen(): Plugin {
  let root = process.cwd();
  return {
    name: 'xizmat:prerender-first-screen',
    apply: 'build',
    configResolved(config) { root = config.root; },
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        if (!html.includes(MOUNT)) throw new Error(`index.html has no ${MOUNT} to prerender into`);
        let out = html.replace(MOUNT, `${SHELL_MARKERS.appOpen}${await renderFirstScreen(root)}${SHELL_MARKERS.appClose}`);
        // Inline every stylesheet of the entry: the whole CSS is a few KB, less than a round trip costs.
        out = out.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (tag, file: string) => {
          const asset = ctx.bundle?.[file];
          if (!asset || asset.type !== 'asset') return tag;
          return `<style>${String(asset.source)}</style>`;
        });
        // The prerendered language's strings are the app's next request after its entry: start them
        // with the HTML instead of one round trip later. The server does the same per language.
        const strings = stringFiles(ctx.bundle ?? {}).uz.map(stringPreloadTag).join('');
        return out.replace('</head>', `${SHELL_MARKERS.preloadsOpen}${strings}${SHELL_MARKERS.preloadsClose}${EARLY_GUARD}</head>`);
      },
    },
    // The record the server reads to name a language's string file in the pages it renders.
    generateBundle(_options, bundle) {
      this.emitFile({ type: 'asset', fileName: STRING_FILES_RECORD, source: JSON.stringify(stringFiles(bundle)) });
    },
  };
}

/** Each language's emitted string file (scripts/strings-plugin.ts), from the bundle. */
function stringFiles(bundle: Record<string, { type: string; fileName: string; names?: readonly string[] }>): StringFiles {
  const files = Object.fromEntries(LOCALES.map((locale) => [locale, [] as string[]])) as StringFiles;
  for (const output of Object.values(bundle)) {
    if (output.type !== 'asset') continue;
    const locale = (output.names ?? []).map((name) => STRINGS_ASSET.exec(name)?.[1]).find(isLocale);
    if (locale) files[locale].push(output.fileName);
  }
  for (const locale of LOCALES) {
    if (files[locale].length !== 1) throw new Error(`the build has ${files[locale].length} string files for ${locale}, not one`);
  }
  return files;
}
