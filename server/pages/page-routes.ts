import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  LOCALE_COOKIE, PAGE_SEED_ELEMENT_ID, acceptLanguageTags, isLocale, negotiateLocale, pageTitle, seedToHtmlText, serviceSummary,
  type Locale, type PageRenderer, type PageSeed,
} from '../../src/contract/index';
import type { Content } from '../content/content';
import { acceptsEncoding } from '../http/accepts-encoding';
import { REVALIDATE } from '../http/cache-control';
import { sendAppShell } from '../http/static-app';
import type { AppShell } from './app-shell';

/** The screen module of a form page: its code is named in the page so it loads beside the app's entry. */
export const FORM_PAGE_MODULE = 'src/ui/screens/form-route.tsx';
const CHOSEN_LOCALE = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([A-Za-z-]+)`);

interface RenderedPage { body: Buffer; br: Buffer; gzip: Buffer; etag: string }

/**
 * First visits: the home page and each service's form page, rendered by the app's own renderer in
 * the person's language (their choice on this phone, else Accept-Language), with the data the page
 * was drawn from inside it and its screen's code named for preloading. Readable and fillable
 * before any script arrives; the app takes it over in place. Every later visit is served by the
 * service worker from its cached shell and never reaches these routes. Pages are rendered once per
 * path and language and kept compressed: the content they come from is fixed while the server runs.
 */
export async function pageRoutes(app: FastifyInstance, { content, renderer, shell }: { content: Content; renderer: PageRenderer; shell: AppShell }) {
  const services = new Map(content.catalogue.services.map((service) => [service.id, service]));
  const home = { categories: content.catalogue.categories, services: content.catalogue.services.map(serviceSummary) };
  const rendered = new Map<string, Promise<RenderedPage>>();

  const page = (seed: PageSeed, title: string | null, preloads: string) => {
    const key = `${seed.path}|${seed.locale}`;
    let found = rendered.get(key);
    if (!found) {
      found = renderer.renderPage(seed).then((appHtml) => compress(assemble(shell, seed, appHtml, title, preloads)));
      // A failed render is not kept: the next request tries again (and meanwhile gets the shell).
      found.catch(() => rendered.delete(key));
      rendered.set(key, found);
    }
    return found;
  };

  /** The rendered page; the plain shell when the renderer failed (the app then draws the page itself). */
  const send = async (request: FastifyRequest, reply: FastifyReply, seed: PageSeed, title: string | null, preloads: string) => {
    let rendered: RenderedPage;
    try {
      rendered = await page(seed, title, preloads);
    } catch (error) {
      request.log.error({ err: error, path: seed.path, locale: seed.locale }, 'page render failed; sent the app shell');
      return sendAppShell(reply);
    }
    return sendPage(request, reply, rendered, seed.locale);
  };

  app.get('/', async (request, reply) => {
    if (hasQuery(request)) return sendAppShell(reply);
    return send(request, reply, { path: '/', locale: localeOf(request), home }, null, '');
  });

  app.get<{ Params: { serviceId: string } }>('/services/:serviceId', async (request, reply) => {
    const service = services.get(request.params.serviceId);
    // A step or a draft in the address is the app's own navigation (a reload): only the app knows it.
    if (!service || hasQuery(request)) return sendAppShell(reply);
    const locale = localeOf(request);
    const form = content.forms.get(service.id)!.get(service.formVersion)!;
    return send(request, reply, { path: `/services/${service.id}`, locale, service, form }, service.name[locale], shell.modulePreloads(FORM_PAGE_MODULE));
  });
}

/** The person's choice on this phone (a cookie the app sets when they pick a language), else Accept-Language. */
function localeOf(request: FastifyRequest): Locale {
  const chosen = CHOSEN_LOCALE.exec(request.headers.cookie ?? '')?.[1];
  return isLocale(chosen) ? chosen : negotiateLocale(acceptLanguageTags(request.headers['accept-language']));
}

function hasQuery(request: FastifyRequest): boolean {
  return request.url.includes('?');
}

/** The shell with the rendered app, the language, the title, the preloads and the seed put in. */
function assemble(shell: AppShell, seed: PageSeed, appHtml: string, title: string | null, preloads: string): string {
  const head = shell.beforePreloads.replace(/<html lang="[^"]*"/, `<html lang="${seed.locale}" data-rendered="1"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(pageTitle(seed.locale, title))}</title>`);
  const seedBlock = `<script type="application/json" id="${PAGE_SEED_ELEMENT_ID}">${seedToHtmlText(seed)}</script>`;
  return head + shell.stringPreloads(seed.locale) + preloads + shell.beforeApp + appHtml + shell.afterApp.replace('</body>', `${seedBlock}</body>`);
}

function compress(html: string): RenderedPage {
  const body = Buffer.from(html);
  return {
    body,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip: gzipSync(body, { level: 9 }),
    etag: `"page-${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

function sendPage(request: FastifyRequest, reply: FastifyReply, page: RenderedPage, locale: Locale) {
  void reply.header('Cache-Control', REVALIDATE).header('ETag', page.etag).header('Content-Language', locale)
    .header('Vary', 'Accept-Encoding, Accept-Language, Cookie').type('text/html; charset=utf-8');
  if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === page.etag)) return reply.code(304).send();
  const accepts = request.headers['accept-encoding'];
  if (acceptsEncoding(accepts, 'br')) return reply.header('Content-Encoding', 'br').send(page.br);
  if (acceptsEncoding(accepts, 'gzip')) return reply.header('Content-Encoding', 'gzip').send(page.gzip);
  return reply.send(page.body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
