import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_CONTENT_DIR } from './start-test-server';

/** The fee the fixture form computes for a lost certificate, in soʻm; a damaged one is free. */
export const FIXTURE_FEE_SUM = 18_540;
export const FIXTURE_FEE_TIYIN = FIXTURE_FEE_SUM * 100;

/**
 * The fixture content with a state duty on its one form: a computed sum that is FIXTURE_FEE_SUM when
 * the certificate was lost and nothing when it was damaged, so one form gives billed and free
 * applications. `automated` makes the service complete itself once paid, `afterPayment` sets where a paid one
 * goes. Returns the new content dir.
 */
export async function feeContentDir(dirs: string[], { automated = false, afterPayment }: { automated?: boolean; afterPayment?: 'received' | 'in_progress' } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'xizmat-fee-content-'));
  dirs.push(dir);
  await cp(FIXTURE_CONTENT_DIR, dir, { recursive: true });
  const formFile = join(dir, 'forms', 'birth-certificate-copy.v1.json');
  const form = JSON.parse(await readFile(formFile, 'utf8')) as { sections: { fields: unknown[] }[] };
  const label = { uz: 'Davlat boji', 'uz-Cyrl': 'Давлат божи', ru: 'Госпошлина', en: 'State duty' };
  form.sections.at(-1)!.fields.push({ id: 'fee', kind: 'computed', format: 'sum', label, expression: `if(reason == 'lost', ${FIXTURE_FEE_SUM}, 0)` });
  await writeFile(formFile, JSON.stringify(form));
  const catalogueFile = join(dir, 'catalogue.json');
  const catalogue = JSON.parse(await readFile(catalogueFile, 'utf8')) as { services: Record<string, unknown>[] };
  for (const service of catalogue.services) {
    if (automated) service.automated = true;
    if (afterPayment) service.afterPayment = afterPayment;
  }
  await writeFile(catalogueFile, JSON.stringify(catalogue));
  return dir;
}
