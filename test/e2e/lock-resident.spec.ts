import { expect, test } from '@playwright/test';
import { expectNoViolations } from './support/axe';
import { cutNetwork } from './support/network';
import { PIN, applyFor, assistantPhone, open } from './support/operator';

const RESIDENT = 'Shoira Nazarova';
const SAVED = 'Arizangiz shu telefonda saqlandi. Tarmoq paydo boʻlganda u avtomatik yuboriladi.';
const NONE_YET = 'Sizda hali arizalar yoʻq.';

test('after lock and unlock the assistant works for the same resident, whose queued application is there; after a reload the outbox says how many wait for residents', async () => {
  test.setTimeout(120_000);
  const { context, page, violations } = await assistantPhone('lock.back', 'Feruza Olimova', RESIDENT);
  await page.setViewportSize({ width: 320, height: 800 });
  // Out of coverage: the application waits in the queue.
  const network = await cutNetwork(context);
  const id = await applyFor(page, RESIDENT);
  const card = page.locator(`[data-testid="outbox-item"][data-id="${id}"]`);
  await expect(card).toHaveAttribute('data-state', /queued|sending/);
  await expect(page.getByText(SAVED)).toBeVisible();

  await page.getByRole('button', { name: 'Hozir qulflash' }).click();
  await expect(page.getByRole('heading', { name: 'Xizmat qulflangan' })).toBeVisible();
  await page.getByTestId('pin').fill(PIN);
  await page.getByRole('button', { name: 'Ochish' }).click();

  // Where the assistant was: the same resident, their application, and never "saved" over "none yet".
  await expect(page.getByTestId('working-for')).toContainText(RESIDENT);
  await expect(card).toBeVisible();
  await expect(page.getByText(SAVED)).toBeVisible();
  await expect(page.getByText(NONE_YET)).toHaveCount(0);
  await expectNoViolations(page, 'outbox after unlocking, the resident chosen again');

  // A reload locks and forgets whom the assistant worked for: the outbox says what waits for residents.
  await page.goto(`/outbox?saved=${id}`);
  await page.getByTestId('pin').fill(PIN);
  await page.getByRole('button', { name: 'Ochish' }).click();
  await expect(page.getByTestId('working-for')).toBeVisible();
  await expect(page.getByTestId('working-for')).not.toContainText(RESIDENT);
  await expect(page.getByText(SAVED)).toHaveCount(0);
  const waiting = page.getByTestId('residents-waiting');
  await expect(waiting).toContainText('Fuqarolaringizning yuborilishini kutayotgan arizalari: 1.');
  await expectNoViolations(page, 'outbox of the assistant with nobody chosen');
  await waiting.getByRole('link', { name: 'Fuqaroni tanlash' }).click();
  await page.getByRole('button', { name: `Tanlash: ${RESIDENT}` }).click();
  await expect(page.getByTestId('working-for')).toContainText(RESIDENT);
  await page.waitForURL((url) => url.pathname === '/');
  await open(page, '/outbox');
  await expect(card).toBeVisible();
  expect(await network.reachedServer()).toEqual([]);
  expect(violations).toEqual([]);
  await context.close();
});
