import type { Localized } from './locales';

/** A region (viloyat, the Republic of Karakalpakstan, or Tashkent city) by its SOATO code. */
export interface Region {
  code: string;
  name: Localized;
}

/** A district (tuman) or city of regional subordination (shahar) by its SOATO code. */
export interface District {
  code: string;
  region: string;
  type: 'district' | 'city';
  name: Localized;
}

/** The administrative divisions the region and district fields choose from. */
export interface SoatoList {
  version: string;
  regions: Region[];
  districts: District[];
}
