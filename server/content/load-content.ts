import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import type { FormDefinition, ServiceEntry } from '../../src/contract/index';
import { checkCatalogue } from './check-catalogue';
import { checkForm } from './check-form';
import { checkSoato } from './check-soato';
import type { Content } from './content';
import { ContentError } from './content-error';

/** forms/<serviceId>.v<version>.json: the name must agree with what the file says inside. */
const FORM_FILE = /^(?<serviceId>[^/]+)\.v(?<version>[1-9]\d*)\.json$/;

/**
 * Reads catalogue.json, forms/*.json and refs/soato.json from `dir` and checks their shape.
 * Throws ContentError naming the file and the spot when anything is missing or broken.
 */
export async function loadContent(dir: string): Promise<Content> {
  const catalogue = checkCatalogue(await readJson(dir, 'catalogue.json'), 'catalogue.json');
  const soato = checkSoato(await readJson(dir, join('refs', 'soato.json')), 'refs/soato.json');
  const forms = new Map<string, Map<number, FormDefinition>>();
  for (const name of await listFormFiles(dir)) {
    const match = FORM_FILE.exec(name);
    if (!match?.groups) throw new ContentError(`forms/${name}: the name must be <serviceId>.v<version>.json`);
    const file = `forms/${name}`;
    const form = checkForm(await readJson(dir, join('forms', name)), file);
    if (form.serviceId !== match.groups.serviceId || form.version !== Number(match.groups.version)) {
      throw new ContentError(`${file}: says serviceId "${form.serviceId}" version ${form.version}, unlike its name`);
    }
    const versions = forms.get(form.serviceId) ?? new Map<number, FormDefinition>();
    forms.set(form.serviceId, versions.set(form.version, form));
  }
  for (const service of catalogue.services) {
    if (!forms.get(service.id)?.has(service.formVersion)) {
      throw new ContentError(
        `catalogue.json lists "${service.id}" at formVersion ${service.formVersion}, ` +
          `but forms/${service.id}.v${service.formVersion}.json is missing`,
      );
    }
  }
  // The size a phone will download for each current form, so "prepare for offline work" can say it first.
  const services: ServiceEntry[] = catalogue.services.map((service) => ({
    ...service,
    formBytes: brotliSize(JSON.stringify(forms.get(service.id)!.get(service.formVersion))),
  }));
  return { catalogue: { categories: catalogue.categories, services }, forms, soato };
}

/** Quality 4 is what @fastify/compress uses on the fly, so this is close to the bytes on the wire. */
function brotliSize(text: string): number {
  return brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length;
}

async function listFormFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(join(dir, 'forms'), { withFileTypes: true });
    return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => e.name).sort();
  } catch (error) {
    throw new ContentError(`${join(dir, 'forms')}: cannot list form files (${(error as Error).message})`);
  }
}

async function readJson(dir: string, file: string): Promise<unknown> {
  const path = join(dir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ContentError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ContentError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}
