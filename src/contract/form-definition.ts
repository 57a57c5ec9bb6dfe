import type { Localized } from './locales';

/** A choice a person can pick; `value` is what is stored and sent. */
export interface ChoiceOption {
  value: string;
  label: Localized;
}

interface FieldBase {
  /** Stable answer key; renaming it orphans drafts, so forms add fields instead. */
  id: string;
  label: Localized;
  hint?: Localized;
  required?: boolean;
}

export interface TextField extends FieldBase {
  kind: 'text' | 'multiline';
  minLength?: number;
  maxLength?: number;
  /** Browser autofill hint (HTML autocomplete token). */
  autocomplete?: string;
}
export interface PinflField extends FieldBase { kind: 'pinfl' }
export interface PhoneField extends FieldBase { kind: 'phone' }
export interface DateField extends FieldBase {
  kind: 'date';
  /** Refuse dates after today (birth dates, issue dates). */
  notInFuture?: boolean;
}
export interface ChoiceField extends FieldBase {
  kind: 'choice';
  options: ChoiceOption[];
}
/** A region of Uzbekistan, by SOATO code, from the `soato` reference list. */
export interface RegionField extends FieldBase { kind: 'region' }
/** A district or city of the region chosen in `regionField`, by SOATO code. */
export interface DistrictField extends FieldBase {
  kind: 'district';
  regionField: string;
}
/** A statement the person must tick; always required. */
export interface ConsentField extends FieldBase { kind: 'consent' }
/**
 * A photo of a document, taken or picked, compressed on the phone. The answer is a reference
 * (`sha256:<hex>`) to a file uploaded on its own, resumably, so the application never waits
 * behind a photo.
 */
export interface PhotoField extends FieldBase { kind: 'photo' }

export type FieldDefinition =
  | TextField | PinflField | PhoneField | DateField | ChoiceField | RegionField | DistrictField | ConsentField | PhotoField;
export type FieldKind = FieldDefinition['kind'];

/** A group of fields shown under one heading. */
export interface FormSection {
  id: string;
  title: Localized;
  fields: FieldDefinition[];
}

/** One version of one service's application form. Versions only go up; drafts keep theirs. */
export interface FormDefinition {
  serviceId: string;
  version: number;
  sections: FormSection[];
}

/** What a person typed or picked, by field id; consent is a boolean. */
export type Answers = Record<string, string | boolean>;

export function formFields(form: FormDefinition): FieldDefinition[] {
  return form.sections.flatMap((section) => section.fields);
}
