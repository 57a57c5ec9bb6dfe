import { choiceOptions, type AnswerValue, type FieldDefinition, type Locale, type SoatoList } from '../../contract/index';
import { formatDate } from '../../core/format/format-date';
import { formatMoney, formatNumber } from '../../core/format/format-number';

/** What the check-your-answers page and the submitted summary show for one answer; '' when none. */
export function answerText(
  field: FieldDefinition, value: AnswerValue | number | null | undefined, soato: SoatoList, locale: Locale, words: { yes: string; photo: string },
): string {
  if (value === undefined || value === null || value === '') return '';
  const optionLabel = (v: string) => (field.kind === 'choice' ? choiceOptions(field, soato).find((o) => o.value === v)?.label[locale] ?? v : v);
  switch (field.kind) {
    case 'computed':
      return typeof value === 'number' ? (field.format === 'sum' ? formatMoney(value, locale) : formatNumber(value, locale, { maximumFractionDigits: 2 })) : '';
    case 'consent':
      return value === true ? words.yes : '';
    case 'photo':
    case 'file':
      return words.photo;
    case 'choice':
      return Array.isArray(value) ? value.map((v) => optionLabel(String(v))).join(', ') : optionLabel(String(value));
    case 'region':
      return soato.regions.find((r) => r.code === value)?.name[locale] ?? String(value);
    case 'district':
      return soato.districts.find((d) => d.code === value)?.name[locale] ?? String(value);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? formatDate(`${String(value)}T12:00:00`, locale) : String(value);
    case 'group':
      return '';
    default:
      return String(value);
  }
}
