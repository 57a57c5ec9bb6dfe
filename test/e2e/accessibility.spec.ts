import { expect, test } from '@playwright/test';
import { expectNoViolations } from './support/axe';
import { CONTINUE, SERVICE_ID, fillBirthCertificate, firstVisit, launchBrowser, newProfileDir } from './support/app';

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
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoViolations(page, 'outbox');
    await page.goto('/no-such-page');
    await expectNoViolations(page, 'not found');
    await context.close();
  });
}
