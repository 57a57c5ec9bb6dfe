import type { FileType } from './file-type';
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
  /** Shown (and checked, and sent) only while this expression is true (contract/expression.ts). */
  visibleIf?: string;
  /** Required while this expression is true, on top of `required`. */
  requiredIf?: string;
}

interface TextField extends FieldBase {
  kind: 'text' | 'multiline';
  minLength?: number;
  maxLength?: number;
  /** Browser autofill hint (HTML autocomplete token). */
  autocomplete?: string;
  /** Key of the person's profile (name, address) this field is prefilled from. */
  profile?: ProfileKey;
}
interface PinflField extends FieldBase { kind: 'pinfl'; profile?: ProfileKey }
interface PhoneField extends FieldBase { kind: 'phone'; profile?: ProfileKey }
interface EmailField extends FieldBase { kind: 'email'; profile?: ProfileKey }
/** A passport or ID-card number, AA1234567; Cyrillic look-alikes typed on a Russian layout are read as Latin. */
interface DocumentNumberField extends FieldBase { kind: 'passport'; profile?: ProfileKey }
/** A number typed as text (answers stay strings, so "1 500" and "2,5" are read the same everywhere). */
interface NumberField extends FieldBase {
  kind: 'number';
  min?: number;
  max?: number;
  /** Refuse fractions (children, rooms, years). */
  integer?: boolean;
}
interface DateField extends FieldBase {
  kind: 'date';
  /** Refuse dates after today (birth dates, issue dates). */
  notInFuture?: boolean;
  /** Earliest and latest accepted date, YYYY-MM-DD. */
  min?: string;
  max?: string;
  /** Age rules: the date is a birth date and the person's age today must be within these whole years. */
  minAgeYears?: number;
  maxAgeYears?: number;
}
export interface ChoiceField extends FieldBase {
  kind: 'choice';
  /** Static options; a form gives these or `optionsFrom`, never both. */
  options?: ChoiceOption[];
  /** Options from a reference list on the phone instead: `regions` (SOATO, by code). */
  optionsFrom?: ReferenceListName;
  /** Several may be ticked; the answer is then a list of values. */
  multiple?: boolean;
  minChoices?: number;
  maxChoices?: number;
}
/** Reference lists a choice can take its options from. */
export const REFERENCE_LISTS = ['regions'] as const;
type ReferenceListName = (typeof REFERENCE_LISTS)[number];

/** A region of Uzbekistan, by SOATO code, from the `soato` reference list. */
interface RegionField extends FieldBase { kind: 'region'; profile?: ProfileKey }
/** A district or city of the region chosen in `regionField`, by SOATO code. */
interface DistrictField extends FieldBase {
  kind: 'district';
  regionField: string;
  profile?: ProfileKey;
}
/** A statement the person must tick; always required. */
interface ConsentField extends FieldBase { kind: 'consent' }
/**
 * A photo of a document, taken or picked, compressed on the phone. The answer is a reference
 * (`sha256:<hex>`) to a file uploaded on its own, resumably, so the application never waits
 * behind a photo.
 */
interface PhotoField extends FieldBase { kind: 'photo' }
/**
 * A document file picked on the phone (a scanned diploma, a PDF certificate), kept and uploaded
 * like a photo but not recompressed; the phone and the server recognise its type by its first
 * bytes, never by its name. At most MAX_ATTACHMENT_BYTES.
 */
export interface FileField extends FieldBase { kind: 'file'; accept: FileType[] }
/** A value worked out from the answers (a fee); shown, never typed, never sent: the server works it out too. */
interface ComputedField extends FieldBase {
  kind: 'computed';
  expression: string;
  /** How to show it: a sum of money in soʻm, or a plain number. */
  format: 'sum' | 'number';
}
/** The same questions asked once per item (children, previous addresses); the answer is a list. */
export interface GroupField extends FieldBase {
  kind: 'group';
  /** Heading of one item, numbered: "Child 1". */
  itemLabel: Localized;
  fields: ItemField[];
  minItems?: number;
  maxItems: number;
}

/** Fields whose answer is a file kept on the phone and uploaded on its own. */
export type AttachmentField = PhotoField | FileField;
export type ItemField = Exclude<FieldDefinition, GroupField | AttachmentField>;
export type FieldDefinition =
  | TextField | PinflField | PhoneField | EmailField | DocumentNumberField | NumberField | DateField | ChoiceField
  | RegionField | DistrictField | ConsentField | PhotoField | FileField | ComputedField | GroupField;
export type FieldKind = FieldDefinition['kind'];

/** The details a profile on the phone keeps and prefills (docs/forms.md): the person's own, never transliterated. */
export const PROFILE_KEYS = ['pinfl', 'lastName', 'firstName', 'patronymic', 'phone', 'email', 'passport', 'region', 'district', 'address'] as const;
export type ProfileKey = (typeof PROFILE_KEYS)[number];

/** One step of the form: a page with a heading. */
export interface FormSection {
  id: string;
  title: Localized;
  fields: FieldDefinition[];
  /** The whole step is skipped while this is false. */
  visibleIf?: string;
}

/** One version of one service's application form. Versions only go up; drafts keep theirs. */
export interface FormDefinition {
  serviceId: string;
  version: number;
  sections: FormSection[];
}

/** One answer: text (numbers and dates too), a tick, or the values ticked in a multiple choice. */
export type ScalarAnswer = string | boolean | string[];
/** One item of a group: its answers by field id. */
export type GroupItem = Record<string, ScalarAnswer>;
export type AnswerValue = ScalarAnswer | GroupItem[];
/** What a person typed or picked, by field id. */
export type Answers = Record<string, AnswerValue>;

/** Every top-level field of every step, in order. */
export function formFields(form: FormDefinition): FieldDefinition[] {
  return form.sections.flatMap((section) => section.fields);
}

/** Answer path of a field inside a group item: `children.0.birthDate`. Problems and the DOM use it. */
export function itemPath(group: string, index: number, field: string): string {
  return `${group}.${index}.${field}`;
}
