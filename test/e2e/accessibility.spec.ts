import { expect, test } from '@playwright/test';
import { expectNoViolations } from './support/axe';
import { CONTINUE, SERVICE_ID, fillBirthCertificate, firstVisit, launchBrowser, newProfileDir, screenShown } from './support/app';

for (const width of [320, 412]) {
  test(`axe finds no violations on any screen at ${width} px`, async () => {
    const context = await launchBrowser(newProfileDir());
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 800 });
    await firstVisit(page);
    await expectNoViolations(page, 'home');
    await page.goto(`/services/${SERVICE_ID}`);
    await expect(page.locator('#field-applicantPinfl')).toBeVisible();
    await expectNoViolations(page, 'form');
    await page.getByRole('button', { name: CONTINUE }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page, 'form with errors');
    await fillBirthCertificate(page);
    await expectNoViolations(page, 'check your answers');
    await page.goto(`/services/${SERVICE_ID}?step=1`);
    await expect(page.locator('#field-personLastName')).toBeVisible();
    await expectNoViolations(page, 'form, second step');
    await page.goto('/outbox');
    await screenShown(page);
    await expectNoViolations(page, 'outbox');
    // The shared-phone screens a citizen can reach: the profile with its optional PIN, the assistants' sign-in.
    await page.goto('/profile');
    await expect(page.getByTestId('pin-new')).toBeVisible();
    await expectNoViolations(page, 'profile with the optional PIN');
    await page.goto('/operator');
    await expect(page.getByTestId('username')).toBeVisible();
    await expectNoViolations(page, 'operator sign-in');
    await page.goto('/no-such-page');
    await screenShown(page);
    await expectNoViolations(page, 'not found');
    await context.close();
  });
}

test('at 320 px with text at 200%, no screen scrolls sideways', async () => {
  test.setTimeout(90_000);
  const context = await launchBrowser(newProfileDir());
  const page = await context.newPage();
  await page.setViewportSize({ width: 320, height: 800 });
  await firstVisit(page);
  const overflow = async (screen: string) => {
    // The person's font scale: the app sizes its text in rem, so the root size stands for it.
    const widths = await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
      return { page: document.documentElement.scrollWidth, view: window.innerWidth };
    });
    expect(widths.page, `${screen} at 200% text`).toBeLessThanOrEqual(widths.view);
  };
  await overflow('home');
  await page.goto(`/services/${SERVICE_ID}`);
  await expect(page.locator('#field-applicantPinfl')).toBeVisible();
  await overflow('form');
  await fillBirthCertificate(page);
  await overflow('check your answers');
  for (const path of ['/outbox', '/drafts', '/applications', '/profile', '/operator']) {
    await page.goto(path);
    await screenShown(page);
    await overflow(path);
  }
  await context.close();
});
