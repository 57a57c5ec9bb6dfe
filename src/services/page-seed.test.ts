import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAGE_SEED_ELEMENT_ID, seedToHtmlText, type PageSeed } from '../contract/page-seed';
import { SAMPLE_FORM, l } from '../contract/test-support/sample-form';
import type { ServiceEntry } from '../contract/index';

type PageSeedModule = typeof import('./page-seed');

const SERVICE = { id: SAMPLE_FORM.serviceId, formVersion: 1, name: l('Birth certificate') } as unknown as ServiceEntry;

/** A fresh copy of the module (it reads the block once) on a page whose seed block holds `text`. */
async function pageWith(text: string | null): Promise<{ seeds: PageSeedModule; reads: () => number }> {
  let reads = 0;
  vi.stubGlobal('document', {
    getElementById: (id: string) => {
      reads++;
      return id === PAGE_SEED_ELEMENT_ID && text !== null ? { textContent: text } : null;
    },
  });
  vi.resetModules();
  return { seeds: await import('./page-seed'), reads: () => reads };
}

beforeEach(() => vi.resetModules());
afterEach(() => vi.unstubAllGlobals());

describe('pageSeed', () => {
  it('reads the seed the server wrote into the page, as the server escaped it', async () => {
    const seed: PageSeed = { path: '/', locale: 'ru', home: { categories: [], services: [] } };
    // The escaping keeps a "</script>" in content from closing the block; JSON.parse undoes it.
    const tricky: PageSeed = { ...seed, path: '/</script>\u2028' };
    const { seeds } = await pageWith(seedToHtmlText(tricky));
    expect(seeds.pageSeed()).toEqual(tricky);
  });

  it('reads the block once, however often it is asked', async () => {
    const { seeds, reads } = await pageWith(JSON.stringify({ path: '/', locale: 'uz' }));
    seeds.pageSeed();
    seeds.pageSeed();
    expect(reads()).toBe(1);
  });

  it('is null for the app shell, which has no seed block, and for a damaged block', async () => {
    expect((await pageWith(null)).seeds.pageSeed()).toBeNull();
    expect((await pageWith('{"path": "/", "loc')).seeds.pageSeed()).toBeNull();
    expect((await pageWith('')).seeds.pageSeed()).toBeNull();
  });

  it('is null where there is no document at all (the server’s renderer before it sets one)', async () => {
    vi.resetModules();
    const seeds: PageSeedModule = await import('./page-seed');
    expect(seeds.pageSeed()).toBeNull();
  });
});

describe('seededForm and seededHome', () => {
  it('give a form page’s service and form only for the service that page was rendered for', async () => {
    const { seeds } = await pageWith(JSON.stringify({ path: `/services/${SERVICE.id}`, locale: 'uz', service: SERVICE, form: SAMPLE_FORM }));
    expect(seeds.seededForm(SERVICE.id)).toEqual({ service: SERVICE, form: SAMPLE_FORM });
    expect(seeds.seededForm('another-service')).toBeNull();
    expect(seeds.seededHome()).toBeNull();
  });

  it('give no form when the seed’s form belongs to another service', async () => {
    const { seeds } = await pageWith(JSON.stringify({ path: '/', locale: 'uz', service: SERVICE, form: { ...SAMPLE_FORM, serviceId: 'other' } }));
    expect(seeds.seededForm(SERVICE.id)).toBeNull();
  });

  it('give the home page’s lists, and follow a seed the renderer sets', async () => {
    const home = { categories: [{ id: 'family', name: l('Family') }], services: [] } as unknown as PageSeed['home'];
    const { seeds } = await pageWith(JSON.stringify({ path: '/', locale: 'uz', home }));
    expect(seeds.seededHome()).toEqual(home);
    seeds.setPageSeed({ path: '/', locale: 'en' });
    expect(seeds.seededHome()).toBeNull();
    expect(seeds.pageSeed()?.locale).toBe('en');
  });
});
