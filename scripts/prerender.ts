// Vite plugin: puts the prerendered first screen into index.html and inlines the app's CSS, so the first
// paint needs only the HTML (performance.md 8, "Engineering consequences"; PROXX's render-static.js).
// It runs before vite-plugin-pwa lists index.html for the precache, so the revision matches.
import preact from '@preact/preset-vite';
import { createServer, type Plugin } from 'vite';

/** The placeholder in index.html that receives the rendered screen. */
const MOUNT = '<div id="app"></div>';
/**
 * Other routes also get this HTML (the service worker's navigation fallback): hide the home screen
 * there until the app has rendered the right one. main.tsx removes the class.
 */
const DEEP_LINK_GUARD = `<script>if(location.pathname!=='/')document.documentElement.classList.add('booting')</script><style>.booting #app{visibility:hidden}</style>`;

async function renderFirstScreen(root: string): Promise<string> {
  const server = await createServer({
    root, configFile: false, logLevel: 'error', appType: 'custom',
    plugins: [preact()], server: { middlewareMode: true, hmr: false, ws: false },
  });
  try {
    const module = await server.ssrLoadModule('/src/ui/render-first-screen.tsx');
    return await (module.renderFirstScreen as () => Promise<string>)();
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
        let out = html.replace(MOUNT, `<div id="app">${await renderFirstScreen(root)}</div>`);
        // Inline every stylesheet of the entry: the whole CSS is a few KB, less than a round trip costs.
        out = out.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (tag, file: string) => {
          const asset = ctx.bundle?.[file];
          if (!asset || asset.type !== 'asset') return tag;
          return `<style>${String(asset.source)}</style>`;
        });
        // The prerendered language's strings are the app's next request after its entry: start them
        // with the HTML instead of one round trip later (2 s on P1). Other languages pay ~3 KB extra.
        const strings = Object.values(ctx.bundle ?? {})
          .filter((c) => c.type === 'chunk' && /\/locales\/uz\/[^/]+\.json$/.test(c.facadeModuleId ?? ''))
          .map((c) => `<link rel="modulepreload" crossorigin href="/${c.fileName}">`).join('');
        return out.replace('</head>', `${strings}${DEEP_LINK_GUARD}</head>`);
      },
    },
  };
}
