import type { FieldKind } from '../../src/contract/index';

/** Every field kind the contract knows; a kind added there is a compile error here until listed. */
export const FIELD_KINDS = Object.keys({
  text: 1, multiline: 1, pinfl: 1, phone: 1, email: 1, passport: 1, number: 1, date: 1, choice: 1, region: 1,
  district: 1, consent: 1, photo: 1, file: 1, computed: 1, group: 1,
} satisfies Record<FieldKind, 1>) as FieldKind[];
