import type { FieldDefinition, FormDefinition } from './form-definition';
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

/** The list a form that asks nothing of SOATO is judged against: no region is a valid answer. */
export const EMPTY_SOATO: SoatoList = { version: 'none', regions: [], districts: [] };

/** Whether a form asks anything the SOATO list answers: a region, a district, or a choice among the regions. */
export function formUsesSoato(form: FormDefinition): boolean {
  const uses = (field: FieldDefinition): boolean =>
    field.kind === 'region' || field.kind === 'district' || (field.kind === 'choice' && field.optionsFrom === 'regions')
    || (field.kind === 'group' && field.fields.some(uses));
  return form.sections.some((section) => section.fields.some(uses));
}
