import { expect, test, type Page } from '@playwright/test';
import { firstVisit, launchBrowser, newProfileDir } from './support/app';
import { chooseLanguage } from './support/language';

const MONTHS_LATIN = 'yanvar|fevral|mart|aprel|may|iyun|iyul|avgust|sentabr|oktabr|noyabr|dekabr';
const MONTHS_CYRILLIC = 'январ|феврал|март|апрел|май|июн|июл|август|сентябр|октябр|ноябр|декабр';

/** What a person in Uzbekistan must be able to read: the letters ў қ ғ ҳ and the marks ʻ (U+02BB) ʼ (U+02BC). */
const SAMPLE = 'Ўзбекистон Қорақалпоғистон Ҳамза ўқғҳ oʻ gʻ Oʻ Gʻ maʼno';

/** The month of the phone's clock now, in Latin, so the test checks today's date and not just a shape. */
async function todayInPage(page: Page): Promise<{ year: number; day: number; month: number }> {
  return page.evaluate(() => { const d = new Date(); return { year: d.getFullYear(), day: d.getDate(), month: d.getMonth() }; });
}

test('an Uzbek Latin screen shows the date in the official style, not Chromium\'s "2026 M09 15"', async () => {
  const context = await launchBrowser(newProfileDir(), { locale: 'uz-UZ' });
  const page = await context.newPage();
  await firstVisit(page);
  const status = page.getByTestId('sync-status');
  const text = (await status.textContent()) ?? '';
  const { year, day, month } = await todayInPage(page);
  const latin = MONTHS_LATIN.split('|')[month];
  expect(text).toMatch(new RegExp(`(^|\\s)${year}-yil ${day}-${latin}, \\d{2}:\\d{2}\\b`));
  expect(text).not.toMatch(/M\d\d/);

  // Why the app formats Uzbek itself: this Chromium's Intl has no Uzbek Latin month names.
  const intl = await page.evaluate(() => new Intl.DateTimeFormat('uz', { month: 'long' }).format(new Date(2026, 8, 15)));
  test.info().annotations.push({ type: 'Chromium Intl uz month', description: intl });

  await chooseLanguage(page, 'uz-Cyrl');
  const cyrillic = MONTHS_CYRILLIC.split('|')[month];
  await expect(status).toHaveText(new RegExp(`(^|\\s)${year} йил ${day} ${cyrillic}, \\d{2}:\\d{2}\\b`));
  await context.close();
});

test('the app asks for no web font: system fonts only', async () => {
  const context = await launchBrowser(newProfileDir(), { locale: 'uz-UZ' });
  const page = await context.newPage();
  const fonts: string[] = [];
  page.on('request', (request) => { if (request.resourceType() === 'font') fonts.push(request.url()); });
  await firstVisit(page);
  expect(fonts).toEqual([]);
  await context.close();
});

test('the system font stack draws every Uzbek letter and mark, none as a missing-glyph box', async () => {
  const context = await launchBrowser(newProfileDir(), { locale: 'uz-UZ' });
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate((sample) => {
    const p = document.createElement('p');
    p.id = 'font-sample';
    p.textContent = sample;
    document.body.append(p);
  }, SAMPLE);

  // Which installed fonts Chromium used for the sample, with the app's own font-family.
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#font-sample' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  test.info().annotations.push({ type: 'platform fonts', description: fonts.map((f) => `${f.familyName} (${f.glyphCount})`).join(', ') });
  expect(fonts.length).toBeGreaterThan(0);

  // A glyph drawn as the .notdef box looks exactly like an unassigned code point drawn in the same font.
  const missing = await page.evaluate((sample) => {
    const family = getComputedStyle(document.body).fontFamily;
    const canvas = document.createElement('canvas');
    canvas.width = 64; canvas.height = 64;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const draw = (ch: string) => {
      ctx.clearRect(0, 0, 64, 64);
      ctx.font = `40px ${family}`;
      ctx.fillText(ch, 8, 48);
      return Array.from(ctx.getImageData(0, 0, 64, 64).data).join();
    };
    const box = draw('\u0378'); // unassigned: always the missing-glyph box
    const blank = draw(' ');
    return [...new Set(sample.replace(/\s/g, ''))].filter((ch) => { const image = draw(ch); return image === box || image === blank; });
  }, SAMPLE);
  expect(missing).toEqual([]);
  await context.close();
});
