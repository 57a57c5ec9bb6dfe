import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_CONTENT_DIR } from '../test-support/start-test-server';
import { ContentError } from './content-error';
import { findForm, knowsService } from './content';
import { loadContent } from './load-content';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A copy of the fixture content with one file edited by `edit`. */
async function contentWith(file: string, edit: (json: any) => unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'xizmat-content-'));
  dirs.push(dir);
  await cp(FIXTURE_CONTENT_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const edited = edit(JSON.parse(await readFile(path, 'utf8')));
  await writeFile(path, typeof edited === 'string' ? edited : JSON.stringify(edited));
  return dir;
}

const FORM = 'forms/birth-certificate-copy.v1.json';

describe('loadContent', () => {
  it('loads the catalogue, every form version and the SOATO list', async () => {
    const content = await loadContent(FIXTURE_CONTENT_DIR);
    expect(content.catalogue.services.map((s) => s.id)).toEqual(['birth-certificate-copy']);
    expect(findForm(content, 'birth-certificate-copy', 1)?.sections.length).toBeGreaterThan(0);
    expect(findForm(content, 'birth-certificate-copy', 2)).toBeUndefined();
    expect(knowsService(content, 'birth-certificate-copy')).toBe(true);
    expect(knowsService(content, 'passport')).toBe(false);
    expect(content.soato.regions.map((r) => r.code)).toEqual(['1726', '1718']);
  });

  it.each([
    ['a missing directory', async () => join(tmpdir(), 'xizmat-nothing-here'), /catalogue\.json: cannot read \(ENOENT\)/],
    ['broken JSON', () => contentWith('catalogue.json', () => '{"version": 1,'), /catalogue\.json: not valid JSON/],
    ['a missing locale', () => contentWith('catalogue.json', (c) => { delete c.services[0].name.ru; return c; }), /catalogue\.json services\[0\]\.name\.ru: must be a non-empty string/],
    ['a paid application sent nowhere known', () => contentWith('catalogue.json', (c) => { c.services[0].afterPayment = 'completed'; return c; }), /catalogue\.json services\[0\]\.afterPayment: must be "received" or "in_progress"/],
    ['a service without its form', () => contentWith('catalogue.json', (c) => { c.services[0].formVersion = 2; return c; }), /lists "birth-certificate-copy" at formVersion 2, but forms\/birth-certificate-copy\.v2\.json is missing/],
    ['a service in an unknown category', () => contentWith('catalogue.json', (c) => { c.services[0].category = 'x'; return c; }), /services\[0\]\.category: "x" is not a listed category/],
    ['a form whose name disagrees with its content', () => contentWith(FORM, (f) => ({ ...f, version: 3 })), /says serviceId "birth-certificate-copy" version 3, unlike its name/],
    ['an unknown field kind', () => contentWith(FORM, (f) => { f.sections[0].fields[0].kind = 'signature'; return f; }), /sections\[0\]\.fields\[0\]\.kind: unknown kind "signature"/],
    ['a repeated field id', () => contentWith(FORM, (f) => { f.sections[1].fields[0].id = 'pinfl'; return f; }), /field ids: "pinfl" appears twice/],
    ['a district field pointing at no region field', () => contentWith(FORM, (f) => { f.sections[1].fields[2].regionField = 'phone'; return f; }), /regionField: "phone" is not a region field/],
    ['a condition that does not parse', () => contentWith(FORM, (f) => { f.sections[0].fields[0].visibleIf = 'a =='; return f; }), /fields\[0\]\.visibleIf: expression does not parse/],
    ['a condition that reads no field of the form', () => contentWith(FORM, (f) => { f.sections[0].fields[0].requiredIf = "ghost == 'x'"; return f; }), /fields\[0\]\.requiredIf: reads "ghost", which is no field of this form/],
    ['a group inside a group', () => contentWith(FORM, (f) => { f.sections[0].fields[0] = { id: 'g', kind: 'group', label: f.sections[0].title, itemLabel: f.sections[0].title, maxItems: 2, fields: [{ id: 'h', kind: 'group', label: f.sections[0].title, itemLabel: f.sections[0].title, maxItems: 2, fields: [] }] }; return f; }), /fields\[0\]\.fields\[0\]\.kind: a group item cannot hold a group/],
    ['a choice with both options and a reference list', () => contentWith(FORM, (f) => { const choice = f.sections[0].fields.find((x: { kind: string }) => x.kind === 'choice') ?? f.sections[1].fields.find((x: { kind: string }) => x.kind === 'choice'); choice.optionsFrom = 'regions'; return f; }), /a choice needs either "options" or "optionsFrom"/],
    ['a file field that accepts nothing known', () => contentWith(FORM, (f) => { f.sections[0].fields[0] = { id: 'scan', kind: 'file', label: f.sections[0].title, accept: ['text/plain'] }; return f; }), /fields\[0\]\.accept: must list one or more of application\/pdf, image\/jpeg, image\/png/],
    ['a computed field without a format', () => contentWith(FORM, (f) => { f.sections[0].fields[0] = { id: 'fee', kind: 'computed', label: f.sections[0].title, expression: '1' }; return f; }), /fields\[0\]\.format: must be "sum" or "number"/],
    ['a district of an unknown region', () => contentWith('refs/soato.json', (s) => { s.districts[0].region = '1799'; return s; }), /soato\.json districts\[0\]\.region: "1799" is not a listed region/],
  ])('refuses %s with a message naming the spot', async (_name, makeDir, message) => {
    const dir = await makeDir();
    const loading = loadContent(dir);
    await expect(loading).rejects.toBeInstanceOf(ContentError);
    await expect(loading).rejects.toThrow(message);
  });
});
