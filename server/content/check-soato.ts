import type { SoatoList } from '../../src/contract/index';
import { expectArray, expectLocalized, expectObject, expectString, expectUnique, fail } from './shape';

const DISTRICT_TYPES = ['district', 'city'];

/** Checks the shape of refs/soato.json: every district must belong to a listed region. */
export function checkSoato(value: unknown, file: string): SoatoList {
  const list = expectObject(value, file);
  expectString(list.version, `${file} version`);
  const regions = expectArray(list.regions, `${file} regions`, { nonEmpty: true });
  const regionCodes = regions.map((raw, i) => {
    const where = `${file} regions[${i}]`;
    const region = expectObject(raw, where);
    expectLocalized(region.name, `${where}.name`);
    return expectString(region.code, `${where}.code`);
  });
  expectUnique(regionCodes, `${file} regions`);
  const districts = expectArray(list.districts, `${file} districts`, { nonEmpty: true });
  const districtCodes = districts.map((raw, i) => {
    const where = `${file} districts[${i}]`;
    const district = expectObject(raw, where);
    const region = expectString(district.region, `${where}.region`);
    if (!regionCodes.includes(region)) fail(`${where}.region`, `"${region}" is not a listed region`);
    if (!DISTRICT_TYPES.includes(district.type as string)) fail(`${where}.type`, 'must be "district" or "city"');
    expectLocalized(district.name, `${where}.name`);
    return expectString(district.code, `${where}.code`);
  });
  expectUnique(districtCodes, `${file} districts`);
  return list as unknown as SoatoList;
}
