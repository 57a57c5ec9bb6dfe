// The first visit: a form link or the home page opened on a phone that never ran Xizmat. The server
// renders the page in the person's language, readable and fillable before any script; the app takes
// it over in place; a form the phone does not have is downloaded when opened, with retries.
import { expect, test, type BrowserContext, type Page, type Route } from '@playwright/test';
import { BASE_URL, CONTINUE, SERVICE_ID, firstVisit, launchBrowser, newProfileDir } from './support/app';
import { expectNoViolations } from './support/axe';
import { chooseLanguage } from './support/language';
import { cutNetwork } from './support/network';

interface Catalogue { services: Array<{ id: string; formVersion: number; featured: boolean; name: { uz: string; en: string } }> }
interface Form { sections: Array<{ fields: Array<{ id: string; kind: string }> }> }

const api = async <T>(path: string): Promise<T> => (await fetch(`${BASE_URL}/api/v1${path}`)).json() as Promise<T>;

/** Holds every script of the app until `release()`: the page is the server's HTML alone meanwhile. */
async function holdScripts(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route(/\/assets\/[^/]+\.js$/, async (route) => { await held; await route.continue(); });
  return release;
}

const takenOver = (page: Page) => expect(page.locator('html')).toHaveAttribute('data-app', 'on');

test('a form link is readable and fillable before any script, in the browser\'s language', async ({ browser }) => {
  for (const [locale, heading, label] of [
    ['ru-RU', 'Получение повторного свидетельства о рождении', 'ПИНФЛ (персональный идентификационный номер)'],
    ['uz-UZ', 'Tugʻilganlik toʻgʻrisidagi takroriy guvohnomani olish', 'JShShIR (shaxsiy identifikatsiya raqami)'],
    ['en-GB', 'Repeat birth certificate', 'PINFL (personal identification number)'],
  ] as const) {
    const context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block', locale });
    const page = await context.newPage();
    await page.goto(`/services/${SERVICE_ID}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.locator('html')).toHaveAttribute('lang', locale.slice(0, 2));
    await page.getByLabel(label).fill('31507900010013');
    await expect(page.getByLabel(label)).toHaveValue('31507900010013');
    // The CSS is inlined: the page asks for no stylesheet.
    expect(await page.locator('link[rel=stylesheet]').count()).toBe(0);
    await context.close();
  }
});

test('the home page comes with its lists in the browser\'s language before any script, and the app keeps them', async ({ browser }) => {
  const bare = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block', locale: 'uz-UZ' });
  const page = await bare.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Davlat xizmatlari');
  await expect(page.getByTestId('categories').getByRole('link', { name: 'Ijtimoiy himoya' })).toBeVisible();
  await expect(page.getByLabel('Xizmatni qidirish')).toBeVisible();
  await bare.close();
  // axe needs script of its own: the app's scripts are held instead, so the page is the server's HTML alone.
  const held = await browser.newContext({ serviceWorkers: 'block', locale: 'uz-UZ', viewport: { width: 320, height: 800 } });
  const heldPage = await held.newPage();
  await holdScripts(heldPage);
  await heldPage.goto('/', { waitUntil: 'commit' });
  await heldPage.waitForSelector('#service-search');
  await expectNoViolations(heldPage, 'home before the app takes over');
  await heldPage.goto(`/services/${SERVICE_ID}`, { waitUntil: 'commit' });
  await heldPage.waitForSelector('#field-applicantPinfl');
  await expectNoViolations(heldPage, 'form before the app takes over');
  await held.close();

  const context = await launchBrowser(newProfileDir(), { locale: 'ru-RU' });
  const app = await context.newPage();
  const release = await holdScripts(app);
  await app.goto('/', { waitUntil: 'commit' });
  await expect(app.getByTestId('categories').getByRole('link', { name: 'Социальная защита' })).toBeVisible();
  await app.getByLabel('Поиск услуги').fill('пенсия');
  release();
  await takenOver(app);
  // Typed before the app arrived: searched once it did.
  await expect(app.getByLabel('Поиск услуги')).toHaveValue('пенсия');
  await expect(app.getByTestId('search-results').getByRole('link').first()).toBeVisible();
  await app.getByLabel('Поиск услуги').fill('');
  await expect(app.getByTestId('categories').getByRole('link', { name: 'Социальная защита' })).toBeVisible();
  await expect(app.getByTestId('sync-status')).toHaveAttribute('data-ready', 'true');
  await context.close();
});

test('every service\'s form opens by its link on a fresh phone: its first field, then the app takes over', async ({ browser }) => {
  test.setTimeout(180_000);
  const { services } = await api<Catalogue>('/catalogue');
  expect(services.length).toBeGreaterThan(40);
  for (const service of services) {
    const form = await api<Form>(`/forms/${service.id}/${service.formVersion}`);
    const first = form.sections[0]!.fields[0]!;
    // Fresh each time; the service worker is left out here only to keep 45 visits quick (it is in the tests below).
    const context = await browser.newContext({ serviceWorkers: 'block', locale: 'uz-UZ' });
    const page = await context.newPage();
    await page.goto(`/services/${service.id}`);
    await expect(page.getByRole('heading', { level: 1 }), service.id).toHaveText(service.name.uz);
    await expect(page.locator(`#field-${first.id}`), service.id).toBeVisible();
    await takenOver(page);
    await expect(page.getByTestId('form-download'), service.id).toHaveCount(0);
    await context.close();
  }
});

test('what is typed before the app takes over is kept, and a Continue pressed meanwhile goes on', async () => {
  const context = await launchBrowser(newProfileDir(), { locale: 'uz-UZ' });
  const page = await context.newPage();
  const release = await holdScripts(page);
  await page.goto(`/services/${SERVICE_ID}`, { waitUntil: 'commit' });
  await page.locator('#field-applicantPinfl').fill('31507900010013');
  await page.locator('#field-applicantLastName').fill('Karimova');
  await page.locator('#field-applicantFirstName').fill('Dilnoza');
  await page.locator('#field-applicantPhone').fill('+998 90 123 45 67');
  await page.locator('#field-relation').check();
  await page.getByRole('button', { name: CONTINUE }).click();
  // The press is held on the page: the answers never went into an address.
  expect(page.url()).toBe(`${BASE_URL}/services/${SERVICE_ID}`);
  release();
  await expect(page.locator('#field-personLastName')).toBeVisible();
  await page.getByRole('link', { name: 'Orqaga' }).click();
  await expect(page.locator('#field-applicantLastName')).toHaveValue('Karimova');
  await expect(page.locator('#field-relation')).toBeChecked();
  await expect(page.getByTestId('draft-status')).toHaveText('Yozgan har bir narsangiz shu telefonda qoralama sifatida saqlanadi.');
  // And it is the draft on the phone: a reload (the service worker's shell now) opens it as it was.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.reload();
  await expect(page.locator('#field-applicantLastName')).toHaveValue('Karimova');
  await expect(page.locator('#field-applicantPinfl')).toHaveValue('31507900010013');
  await context.close();
});

/** A service whose form the first visit does not bring (it is not among the popular ones). */
async function notFeatured(): Promise<Catalogue['services'][number]> {
  const { services } = await api<Catalogue>('/catalogue');
  return services.find((s) => s.id === 'foreign-travel-passport' && !s.featured) ?? services.find((s) => !s.featured)!;
}

async function installed(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await firstVisit(page);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page;
}

test('a form not on the phone downloads when opened, and says so while it retries a failed request', async () => {
  const service = await notFeatured();
  const context = await launchBrowser(newProfileDir(), { locale: 'en-GB' });
  const page = await installed(context);
  const asked: string[] = [];
  // context.route also sees the service worker's requests: the first try fails as a dropped link would.
  await context.route(`**/api/v1/services/${service.id}`, async (route: Route) => {
    asked.push(route.request().url());
    if (asked.length === 1) await route.abort('connectionreset');
    else await route.continue();
  });
  await page.goto(`/services/${service.id}`);
  await expect(page.getByTestId('form-download')).toContainText('The network did not answer (try 1).');
  await expectNoViolations(page, 'form download retrying');
  await expect(page.locator('#field-applicantPinfl')).toBeVisible();
  expect(asked).toHaveLength(2);
  // Kept on the phone: offline, it opens again.
  const network = await cutNetwork(context);
  await page.goto('/');
  await page.goto(`/services/${service.id}`);
  await expect(page.locator('#field-applicantPinfl')).toBeVisible();
  expect(await network.reachedServer()).toEqual([]);
  await context.close();
});

test('offline, a form not on the phone says so, and downloads by itself when the network returns', async () => {
  const service = await notFeatured();
  const context = await launchBrowser(newProfileDir(), { locale: 'en-GB' });
  const page = await installed(context);
  const network = await cutNetwork(context);
  // Within the app, as a person goes: a new document would start with navigator.onLine true in this
  // Chromium whatever the emulation says (the app would then retry, as it does on a dead link).
  await page.getByRole('searchbox', { name: 'Find a service' }).fill(service.name.en);
  await page.getByTestId('search-results').getByRole('link', { name: service.name.en }).click();
  await expect(page.getByTestId('form-status')).toContainText('not on this phone');
  await page.getByRole('link', { name: 'Apply' }).click();
  await expect(page.getByTestId('form-download')).toHaveText('You are offline, and this form is not on this phone yet. It will download by itself as soon as the network returns.');
  await expectNoViolations(page, 'form download offline');
  // Knowing it was offline, the app did not knock on a dead network for the form.
  expect(network.attempts().filter((url) => url.includes(`/api/v1/services/${service.id}`))).toEqual([]);
  expect(await network.reachedServer()).toEqual([]);
  await network.restore();
  await expect(page.locator('#field-applicantPinfl')).toBeVisible();
  await context.close();
});

test('a language chosen on the phone is the language of the pages the server renders next', async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'uz-UZ' });
  const page = await context.newPage();
  await page.goto('/');
  await takenOver(page);
  await chooseLanguage(page, 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Государственные услуги');
  const next = await context.newPage();
  await next.goto(`/services/${SERVICE_ID}`);
  await expect(next.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(next.getByRole('heading', { level: 1 })).toHaveText('Получение повторного свидетельства о рождении');
  await context.close();
});

test('a deep link the server does not render never shows the prerendered home screen, and the app takes over', async () => {
  const context = await launchBrowser(newProfileDir(), { locale: 'ru-RU' });
  const page = await context.newPage();
  // Hold the app's script back: until it runs, the shell's prerendered home screen must stay hidden here.
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => { await held; await route.continue(); });
  await page.goto('/outbox', { waitUntil: 'commit' });
  await page.waitForSelector('#app h1', { state: 'attached' });
  await expect(page.locator('#app')).toBeHidden();
  release();
  await expect(page.locator('#app')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Государственные услуги');
  await page.unrouteAll();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Государственные услуги');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await context.close();
});
