// Fault scenarios of docs/reliability.md on a shared phone: an assistant's queue drains while the
// phone is locked, and an assistant's phone is revoked with applications still queued. Against the
// built app and the real server, counted against the server's own database.
import { expect, test } from '@playwright/test';
import { expectNoViolations } from '../e2e/support/axe';
import { cutNetwork } from '../e2e/support/network';
import { PIN, addResident, applyFor, assistantPhone, open, revokeDevices } from '../e2e/support/operator';
import { serverRows } from '../e2e/support/server-db';
import { everythingStored, outboxRow } from '../e2e/support/stored-text';

/** What resident A's application carries (fillBirthCertificate's answers): none of it may stay readable on the phone. */
const SECRETS_OF_A = ['31507900010013', 'Qudratova', 'Jasur'];
const RESIDENT_A = 'Gulnora Ergasheva';
const RESIDENT_B = 'Sardor Yoqubov';

test('31. the phone locked while its queue drains: the sealed queue goes out under the lock screen, nothing of A is readable, and resident B sees nothing of A', async () => {
  test.setTimeout(120_000);
  const { context, page, violations } = await assistantPhone('lock.drain', 'Zarina Haydarova', RESIDENT_A);
  const network = await cutNetwork(context);
  const first = await applyFor(page, RESIDENT_A);
  await expect(page.locator(`[data-testid="outbox-item"][data-id="${first}"]`)).toHaveAttribute('data-state', /queued|sending/);

  // Locked with the queue full, then the network returns: it drains without the PIN.
  await page.getByRole('button', { name: 'Hozir qulflash' }).click();
  const locked = page.getByRole('heading', { name: 'Xizmat qulflangan' });
  await expect(locked).toBeVisible();
  expect(await network.reachedServer(), 'sent while offline').toEqual([]);
  await network.restore();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(async () => (await outboxRow(page, first))?.state, { timeout: 45_000 }).toBe('delivered');
  await expect(locked).toBeVisible();
  expect(serverRows('SELECT id FROM submissions WHERE id = ?', first)).toHaveLength(1);
  // Under the lock screen, nothing of resident A is readable anywhere the origin keeps data.
  const stored = await everythingStored(page);
  for (const secret of [...SECRETS_OF_A, RESIDENT_A]) expect(stored, `${secret} is readable on the locked phone`).not.toContain(secret);

  // Unlocked and working for resident B: nothing of A shows.
  await page.getByTestId('pin').fill(PIN);
  await page.getByRole('button', { name: 'Ochish' }).click();
  await expect(page.getByTestId('working-for')).toContainText(RESIDENT_A);
  await addResident(page, RESIDENT_B);
  await open(page, '/outbox');
  await expect(page.getByTestId('outbox-item')).toHaveCount(0);
  await open(page, '/applications');
  await expect(page.getByTestId('application')).toHaveCount(0);
  await expect(page.getByText('Qudratova')).toHaveCount(0);
  expect(violations).toEqual([]);
  await context.close();
});

test('32. the assistant\'s phone revoked with applications queued: refused with 403, kept on the phone and shown as blocked, nothing stored', async () => {
  test.setTimeout(120_000);
  const { context, page, violations } = await assistantPhone('revoked.phone', 'Dildora Tursunova', RESIDENT_A);
  const network = await cutNetwork(context);
  const ids = [await applyFor(page, RESIDENT_A)];
  await addResident(page, RESIDENT_B);
  ids.push(await applyFor(page, RESIDENT_B));
  expect(await network.reachedServer(), 'sent while offline').toEqual([]);

  // The organisation revokes the phone while it is out of coverage; then the network returns.
  revokeDevices('revoked.phone');
  await network.restore();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect.poll(async () => (await outboxRow(page, ids[1]!))?.problem?.code, { timeout: 45_000 }).toBe('device_revoked');
  const card = page.locator(`[data-testid="outbox-item"][data-id="${ids[1]}"]`);
  await expect(card).toHaveAttribute('data-state', 'blocked');
  await expect(card.getByTestId('outbox-problem')).toContainText('administrator tomonidan bloklangan');
  await expectNoViolations(page, 'outbox, the phone revoked');
  // Kept on the phone, both of them, and nothing reached the server's applications.
  for (const id of ids) expect((await outboxRow(page, id))?.state, id).toBe('blocked');
  expect(serverRows(`SELECT id FROM submissions WHERE id IN (${ids.map(() => '?').join(', ')})`, ...ids)).toEqual([]);
  // Another try is refused the same way and still keeps them.
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.reload();
  await page.getByTestId('pin').fill(PIN);
  await page.getByRole('button', { name: 'Ochish' }).click();
  for (const id of ids) expect((await outboxRow(page, id))?.state, `${id} after a reload`).toBe('blocked');
  expect(serverRows(`SELECT id FROM submissions WHERE id IN (${ids.map(() => '?').join(', ')})`, ...ids)).toEqual([]);
  expect(violations).toEqual([]);
  await context.close();
});
