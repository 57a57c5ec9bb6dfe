import { expect, test } from '@playwright/test';
import { firstVisit, launchBrowser, newProfileDir } from './support/app';

const HOME_TITLE = { uz: 'Davlat xizmatlari', 'uz-Cyrl': 'Давлат хизматлари', ru: 'Государственные услуги', en: 'Public services' };
const SWITCHER = { uz: 'Oʻzbekcha', 'uz-Cyrl': 'Ўзбекча', ru: 'Русский', en: 'English' };

for (const [browserLocale, expected] of [['uz-UZ', 'uz'], ['ru-RU', 'ru'], ['en-US', 'en']] as const) {
  test(`a browser set to ${browserLocale} opens in ${expected}`, async () => {
    const context = await launchBrowser(newProfileDir(), { locale: browserLocale });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE[expected]);
    await expect(page.locator('html')).toHaveAttribute('lang', expected);
    await context.close();
  });
}

test('each language can be chosen, changes the whole screen and survives a reload offline', async () => {
  const context = await launchBrowser(newProfileDir(), { locale: 'uz-UZ' });
  const page = await context.newPage();
  await firstVisit(page);
  await context.setOffline(true);
  for (const locale of ['uz-Cyrl', 'ru', 'en', 'uz'] as const) {
    await page.getByRole('button', { name: SWITCHER[locale] }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE[locale]);
    await expect(page.getByRole('button', { name: SWITCHER[locale] })).toHaveAttribute('aria-pressed', 'true');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE[locale]);
  }
  await context.close();
});
