import { hasStrayLatin, PASSPORT_FIELDS, type CatalogueSource } from '../../src/contract/index';
import {
  expectArray, expectBoolean, expectLocalized, expectObject, expectOptional, expectPositiveInteger, expectString,
  expectUnique, fail, type Where,
} from './shape';

/** Ids are kebab-case: they appear in URLs and in stored applications. */
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Any apostrophe look-alike: Uzbek Latin content must use U+02BB after o/g and U+02BC elsewhere. */
const WRONG_APOSTROPHE = /['‘’`´]/;
const FEE_KINDS = ['free', 'bhm', 'sum', 'varies'];

type Check = (value: unknown, where: Where) => unknown;

/** A Localized text whose Uzbek is written as docs/catalogue.md says (apostrophes, no Latin in Cyrillic but ID, PDF…). */
const uzbekText: Check = (value, where) => {
  const text = expectLocalized(value, where);
  if (WRONG_APOSTROPHE.test(text.uz)) fail(`${where}.uz`, 'write oʻ/gʻ with U+02BB and the tutuq belgisi with U+02BC');
  if (hasStrayLatin(text['uz-Cyrl'])) fail(`${where}.uz-Cyrl`, 'has Latin letters other than the abbreviations Cyrillic keeps (ID, PDF)');
  return text;
};

const idString: Check = (value, where) => {
  const id = expectString(value, where);
  if (!ID.test(id)) fail(where, `"${id}" is not a kebab-case id`);
  return id;
};

const feeBasis: Check = (value, where) => {
  const fee = expectObject(value, where);
  if (!FEE_KINDS.includes(fee.kind as string)) fail(`${where}.kind`, `must be one of ${FEE_KINDS.join(', ')}`);
  const allowed = fee.kind === 'bhm' ? ['kind', 'percent'] : fee.kind === 'sum' ? ['kind', 'amount'] : ['kind'];
  rejectUnknownKeys(fee, allowed, where);
  if (fee.kind === 'bhm' && !(typeof fee.percent === 'number' && fee.percent > 0 && fee.percent <= 10_000)) {
    fail(`${where}.percent`, 'must be a number above 0');
  }
  if (fee.kind === 'sum') expectPositiveInteger(fee.amount, `${where}.amount`);
  return fee;
};

const provenance: Check = (value, where) => {
  const record = expectObject(value, where);
  rejectUnknownKeys(record, ['sources', 'illustrative'], where);
  const sources = expectArray(record.sources, `${where}.sources`).map((s, i) => expectString(s, `${where}.sources[${i}]`));
  const illustrative = expectArray(record.illustrative, `${where}.illustrative`).map((field, i) => {
    if (!(PASSPORT_FIELDS as readonly unknown[]).includes(field)) fail(`${where}.illustrative[${i}]`, `"${String(field)}" is not a passport field`);
    return field as string;
  });
  expectUnique(illustrative, `${where}.illustrative`);
  // A fact not marked illustrative must come from somewhere.
  if (sources.length === 0 && illustrative.length < PASSPORT_FIELDS.length) fail(`${where}.sources`, 'name a source, or mark every passport field illustrative');
  return record;
};

const afterPayment: Check = (value, where) => {
  if (value !== 'received' && value !== 'in_progress') fail(where, 'must be "received" or "in_progress"');
  return value;
};

const identityRule: Check = (value, where) => {
  if (value !== 'required' && value !== 'optional') fail(where, 'must be "required" or "optional"');
  return value;
};

/** The schema of one service: every key, required unless marked optional. Unknown keys are refused (typos). */
const SERVICE_SCHEMA: Record<string, { check: Check; optional?: true }> = {
  id: { check: idString },
  category: { check: idString },
  name: { check: uzbekText },
  aliases: { check: (v, w) => expectArray(v, w).map((a, i) => expectString(a, `${w}[${i}]`)) },
  portalId: { check: expectPositiveInteger, optional: true },
  summary: { check: uzbekText },
  applicants: { check: uzbekText },
  documents: { check: (v, w) => expectArray(v, w, { nonEmpty: true }).map((d, i) => uzbekText(d, `${w}[${i}]`)) },
  fee: { check: uzbekText },
  feeBasis: { check: feeBasis },
  term: { check: uzbekText },
  agency: { check: uzbekText },
  legalBasis: { check: uzbekText },
  automated: { check: expectBoolean },
  onBehalf: { check: expectBoolean },
  afterPayment: { check: afterPayment, optional: true },
  identity: { check: identityRule, optional: true },
  featured: { check: expectBoolean },
  formVersion: { check: expectPositiveInteger },
  provenance: { check: provenance },
};

/** Checks catalogue.json against the format of docs/catalogue.md; throws ContentError naming the spot. */
export function checkCatalogue(value: unknown, file: string): CatalogueSource {
  const catalogue = expectObject(value, file);
  rejectUnknownKeys(catalogue, ['categories', 'services'], file);
  const categories = expectArray(catalogue.categories, `${file} categories`, { nonEmpty: true });
  const categoryIds = categories.map((raw, i) => {
    const where = `${file} categories[${i}]`;
    const category = expectObject(raw, where);
    rejectUnknownKeys(category, ['id', 'name'], where);
    uzbekText(category.name, `${where}.name`);
    return idString(category.id, `${where}.id`) as string;
  });
  expectUnique(categoryIds, `${file} categories`);
  const services = expectArray(catalogue.services, `${file} services`, { nonEmpty: true });
  const serviceIds = services.map((raw, i) => {
    const where = `${file} services[${i}]`;
    const service = expectObject(raw, where);
    rejectUnknownKeys(service, Object.keys(SERVICE_SCHEMA), where);
    for (const [key, { check, optional }] of Object.entries(SERVICE_SCHEMA)) {
      if (optional) expectOptional(service[key], `${where}.${key}`, check);
      else check(service[key], `${where}.${key}`);
    }
    const category = service.category as string;
    if (!categoryIds.includes(category)) fail(`${where}.category`, `"${category}" is not a listed category`);
    return service.id as string;
  });
  expectUnique(serviceIds, `${file} services`);
  return catalogue as unknown as CatalogueSource;
}

function rejectUnknownKeys(record: Record<string, unknown>, allowed: string[], where: Where): void {
  for (const key of Object.keys(record)) if (!allowed.includes(key)) fail(`${where}.${key}`, 'is not part of the format (a typo?)');
}
