import type { Catalogue } from '../../src/contract/index';
import { expectArray, expectLocalized, expectObject, expectPositiveInteger, expectString, expectUnique, fail } from './shape';

/** Checks the shape of catalogue.json; extra fields pass through untouched (the passport grows later). */
export function checkCatalogue(value: unknown, file: string): Catalogue {
  const catalogue = expectObject(value, file);
  expectPositiveInteger(catalogue.version, `${file} version`);
  const categories = expectArray(catalogue.categories, `${file} categories`, { nonEmpty: true });
  const categoryIds = categories.map((raw, i) => {
    const where = `${file} categories[${i}]`;
    const category = expectObject(raw, where);
    expectLocalized(category.name, `${where}.name`);
    return expectString(category.id, `${where}.id`);
  });
  expectUnique(categoryIds, `${file} categories`);
  const services = expectArray(catalogue.services, `${file} services`, { nonEmpty: true });
  const serviceIds = services.map((raw, i) => {
    const where = `${file} services[${i}]`;
    const service = expectObject(raw, where);
    const category = expectString(service.category, `${where}.category`);
    if (!categoryIds.includes(category)) fail(`${where}.category`, `"${category}" is not a listed category`);
    for (const key of ['name', 'summary', 'agency', 'fee', 'term'] as const) {
      expectLocalized(service[key], `${where}.${key}`);
    }
    expectPositiveInteger(service.formVersion, `${where}.formVersion`);
    return expectString(service.id, `${where}.id`);
  });
  expectUnique(serviceIds, `${file} services`);
  return catalogue as unknown as Catalogue;
}
