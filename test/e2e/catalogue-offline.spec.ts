import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { firstVisit, launchBrowser, newProfileDir, screenShown } from './support/app';
import { cutNetwork } from './support/network';

test('with no network, the whole catalogue can be browsed and searched in any script', async () => {
  const context = await launchBrowser(newProfileDir());
  const page = await context.newPage();
  await firstVisit(page);
  const network = await cutNetwork(context);
  await page.reload();

  // Browse: category, then a passport that was never opened online.
  await page.getByTestId('categories').getByRole('link', { name: 'Ijtimoiy himoya' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ijtimoiy himoya');
  await page.getByRole('link', { name: 'Dafn marosimi uchun nafaqa' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dafn marosimi uchun nafaqa');
  await expect(page.getByText('Kerakli hujjatlar')).toBeVisible();
  await expect(page.getByText('Oʻlim haqidagi guvohnoma')).toBeVisible();
  await expect(page.getByTestId('illustrative-notice')).toBeVisible();

  // Search: every spelling of Uzbekistan, a Russian alias, a typo.
  await page.goto('/');
  const search = page.getByRole('searchbox', { name: 'Xizmatni qidirish' });
  const results = page.getByTestId('search-results');
  for (const query of ['ozbekiston', "o'zbekiston", 'ўзбекистон', 'узбекистон', 'Узбекистан']) {
    await search.fill(query);
    await expect(results.getByRole('link', { name: 'Oʻzbekiston Respublikasi fuqaroligiga qabul qilish toʻgʻrisida ariza' })).toBeVisible();
  }
  await search.fill('прописка');
  await expect(results.getByRole('link').first()).toHaveText('Doimiy yashash joyi boʻyicha roʻyxatga olish (propiska)');
  await search.fill('haydovchilk');
  await expect(results.getByRole('link', { name: 'Haydovchilik guvohnomasini yangi namunaga almashtirish' })).toBeVisible();

  // The passport opened offline is now "recently used".
  await search.fill('');
  await expect(page.getByTestId('recent').getByRole('link', { name: 'Dafn marosimi uchun nafaqa' })).toBeVisible();
  expect(await network.reachedServer()).toEqual([]);
  await context.close();
});

test('field staff take a category offline: size first, progress, then its forms work with no network', async () => {
  const context = await launchBrowser(newProfileDir());
  const page = await context.newPage();
  await firstVisit(page);
  await page.goto('/categories/education');
  const prepare = page.getByTestId('prepare-education');
  await expect(prepare.getByTestId('prepare-size')).toContainText(/Yuklab olinadi: \d+ KB, \d+ ta shakl/);
  await prepare.getByRole('button', { name: 'Yuklab olish' }).click();
  await expect(prepare.getByTestId('prepare-ready')).toHaveText('Barcha shakllar shu telefonda');

  const network = await cutNetwork(context);
  await page.goto('/services/student-rent-compensation');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Talabalarga ijara toʻlovining bir qismini qaytarish');
  await expect(page.locator('#field-applicantPinfl')).toBeVisible();
  // The service's own questions are on the form's second step.
  await page.goto('/services/student-rent-compensation?step=1');
  await expect(page.locator('#field-university')).toBeVisible();
  expect(await network.reachedServer()).toEqual([]);
  await context.close();
});

test('a form not yet on the phone downloads when its service is opened online', async () => {
  const context = await launchBrowser(newProfileDir());
  const page = await context.newPage();
  await firstVisit(page);
  await page.goto('/services/gas-connection/about');
  await expect(page.getByTestId('form-status')).toHaveText('Ariza shakli shu telefonda: internetsiz ham toʻldirish mumkin.');
  const network = await cutNetwork(context);
  await page.getByRole('link', { name: 'Ariza berish' }).click();
  await expect(page.locator('#field-applicantPinfl')).toBeVisible();
  await page.goto('/services/gas-connection?step=1');
  await expect(page.locator('#field-objectType')).toBeVisible();
  expect(await network.reachedServer()).toEqual([]);
  await context.close();
});

test('axe finds no violations on the catalogue screens at 320 px', async () => {
  const context = await launchBrowser(newProfileDir());
  const page = await context.newPage();
  await page.setViewportSize({ width: 320, height: 800 });
  await firstVisit(page);
  await page.getByRole('searchbox', { name: 'Xizmatni qidirish' }).fill('pensiya');
  await expect(page.getByTestId('search-results').getByRole('link').first()).toBeVisible();
  for (const [screen, path] of [['passport', '/services/vehicle-registration/about'], ['category', '/categories/social'], ['offline', '/offline']] as const) {
    await page.goto(path);
    await screenShown(page);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${screen} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await context.close();
});
