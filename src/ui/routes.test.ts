import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { initI18n } from '../services/i18n';
import { ROUTES, matchesRoute, preloadRoute } from './routes';

/** The pattern the router would pick for `path`: the first that fits, in ROUTES order. */
const routeOf = (path: string) => ROUTES.find(([pattern]) => matchesRoute(pattern, path))?.[0];

describe('matchesRoute', () => {
  it('matches literal segments exactly and one segment per :name', () => {
    expect(matchesRoute('/services/:id', '/services/passport')).toBe(true);
    expect(matchesRoute('/services/:id', '/categories/passport')).toBe(false);
    expect(matchesRoute('/services/:id/about', '/services/passport/about')).toBe(true);
    expect(matchesRoute('/services/:id/about', '/services/passport/form')).toBe(false);
  });

  it('needs as many segments as the pattern has, no more and no fewer', () => {
    expect(matchesRoute('/services/:id', '/services')).toBe(false);
    expect(matchesRoute('/services/:id', '/services/passport/about')).toBe(false);
    expect(matchesRoute('/', '/')).toBe(true);
    expect(matchesRoute('/', '/outbox')).toBe(false);
  });

  it('ignores a trailing slash', () => {
    expect(matchesRoute('/outbox', '/outbox/')).toBe(true);
  });
});

describe('the route table', () => {
  it('sends each path to its screen', () => {
    expect(routeOf('/')).toBe('/');
    expect(routeOf('/services/foreign-travel-passport')).toBe('/services/:id');
    expect(routeOf('/services/foreign-travel-passport/about')).toBe('/services/:id/about');
    expect(routeOf('/submitted/abc')).toBe('/submitted/:id');
    expect(routeOf('/drafts')).toBe('/drafts');
    expect(routeOf('/nowhere/at/all')).toBeUndefined();
  });

  it('has no pattern twice', () => {
    const patterns = ROUTES.map(([pattern]) => pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it('loads the code of the path’s screen before the first render, so it draws at once instead of suspending', async () => {
    await initI18n('en');
    const screenOf = (pattern: string) => ROUTES.find(([p]) => p === pattern)![1];
    await preloadRoute('/drafts');
    await preloadRoute('/nowhere');
    expect(renderToString(h(screenOf('/drafts'), {}))).toContain('data-testid="drafts-list"');
    // A screen nobody preloaded still suspends on its first render.
    expect(() => renderToString(h(screenOf('/profile'), {}))).toThrow(/suspen/i);
  });
});
