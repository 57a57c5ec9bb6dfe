import { expect, test } from '@playwright/test';
import { firstVisit, launchBrowser, newProfileDir } from './support/app';
import { NATIVE_NAME, chooseLanguage } from './support/language';
import { cutNetwork } from './support/network';

const HOME_TITLE = { uz: 'Davlat xizmatlari', 'uz-Cyrl': 'Давлат хизматлари', ru: 'Государственные услуги', en: 'Public services' };

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

test('each language can be chosen and changes the whole screen; those used once work offline, a new one asks for the network once', async () => {
  const context = await launchBrowser(newProfileDir(), { locale: 'uz-UZ' });
  const page = await context.newPage();
  await firstVisit(page);
  const choose = async (locale: keyof typeof NATIVE_NAME) => {
    await chooseLanguage(page, locale);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE[locale]);
    // The menu's button names the language in use, and the menu marks it.
    await expect(page.getByTestId('language-button')).toHaveAccessibleName(`${{ uz: 'Til', 'uz-Cyrl': 'Тил', ru: 'Язык', en: 'Language' }[locale]}: ${NATIVE_NAME[locale]}`);
    await expect(page.getByRole('button', { name: NATIVE_NAME[locale], exact: true, includeHidden: true })).toHaveAttribute('aria-pressed', 'true');
  };
  for (const locale of ['uz-Cyrl', 'ru', 'uz'] as const) await choose(locale);
  const network = await cutNetwork(context);
  for (const locale of ['uz-Cyrl', 'ru'] as const) {
    await choose(locale);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE[locale]);
  }
  // English was never used here: its strings are not on the phone, and the screen says so in Russian.
  await page.getByTestId('language-button').click();
  await page.getByRole('button', { name: NATIVE_NAME.en, exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Этого языка пока нет на телефоне. Подключитесь к интернету один раз, чтобы им пользоваться.');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  expect(await network.reachedServer()).toEqual([]);
  await network.restore();
  await choose('en');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await context.close();
});
