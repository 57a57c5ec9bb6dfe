import type { ChoiceField, ChoiceOption } from './form-definition';
import type { SoatoList } from './reference-lists';

/** A choice's options: its own, or those of the reference list it names, on phone and server alike. */
export function choiceOptions(field: ChoiceField, soato: SoatoList): ChoiceOption[] {
  if (field.optionsFrom === 'regions') return soato.regions.map((region) => ({ value: region.code, label: region.name }));
  return field.options ?? [];
}
