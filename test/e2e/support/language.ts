import { expect, type Page } from '@playwright/test';
import type { Locale } from '../../../src/contract/locales';

/** Each language as the menu names it: in itself. */
export const NATIVE_NAME: Record<Locale, string> = { uz: 'Oʻzbekcha', 'uz-Cyrl': 'Ўзбекча', ru: 'Русский', en: 'English' };

/** Opens the header's language menu and picks a language, as a person does; the menu closes on the choice. */
export async function chooseLanguage(page: Page, locale: Locale): Promise<void> {
  await page.getByTestId('language-button').click();
  await page.getByRole('button', { name: NATIVE_NAME[locale], exact: true }).click();
  await expect(page.locator('.lang details')).not.toHaveAttribute('open', '');
}
