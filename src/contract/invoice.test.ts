import { describe, expect, it } from 'vitest';
import type { FormDefinition } from './form-definition';
import { applicationFeeTiyin, groupReference, invoiceReference, parseInvoiceReference } from './invoice';

const label = { uz: 'x', 'uz-Cyrl': 'x', ru: 'x', en: 'x' };
const form = {
  serviceId: 'fee-test', version: 1,
  sections: [{
    id: 's', title: label,
    fields: [
      { id: 'self', kind: 'choice', label, options: [{ value: 'yes', label }, { value: 'no', label }], required: true },
      { id: 'fee', kind: 'computed', label, format: 'sum', expression: "if(self == 'yes', 412000, 0) + 329600" },
    ],
  }],
} as unknown as FormDefinition;

describe('invoice references', () => {
  it('carry the year, the sequence and a Luhn check digit', () => {
    const reference = invoiceReference(2026, 42);
    expect(reference).toMatch(/^26000000042\d$/);
    expect(parseInvoiceReference(reference)).toBe(reference);
    expect(parseInvoiceReference(groupReference(reference))).toBe(reference);
    expect(groupReference('260000000428')).toBe('2600 0000 0428');
  });

  it('refuse any single mistyped digit', () => {
    const reference = invoiceReference(2026, 123_456);
    for (let i = 0; i < reference.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === reference[i]) continue;
        expect(parseInvoiceReference(reference.slice(0, i) + d + reference.slice(i + 1))).toBeNull();
      }
    }
    expect(parseInvoiceReference('26000012345')).toBeNull();
    expect(parseInvoiceReference(42)).toBeNull();
    expect(parseInvoiceReference('2600000004a8')).toBeNull();
  });

  it('refuse a sequence too long to fit', () => {
    expect(() => invoiceReference(2026, 1_000_000_000)).toThrow(RangeError);
  });
});

describe('applicationFeeTiyin', () => {
  it('bills the form’s computed sum in tiyin', () => {
    expect(applicationFeeTiyin(form, { self: 'yes' }, '2026-12-01T10:00:00.000Z')).toBe(74_160_000);
    expect(applicationFeeTiyin(form, { self: 'no' }, '2026-12-01T10:00:00.000Z')).toBe(32_960_000);
  });

  it('bills nothing when the form computes no fee or it comes to nothing', () => {
    const free = { ...form, sections: [{ ...form.sections[0]!, fields: [form.sections[0]!.fields[0]!] }] } as FormDefinition;
    expect(applicationFeeTiyin(free, { self: 'yes' }, '2026-12-01T10:00:00.000Z')).toBeNull();
    const zero = JSON.parse(JSON.stringify(form).replace('329600', '0')) as FormDefinition;
    expect(applicationFeeTiyin(zero, { self: 'no' }, '2026-12-01T10:00:00.000Z')).toBeNull();
  });

  it('survives a finalisation time that is not a date', () => {
    expect(applicationFeeTiyin(form, { self: 'no' }, 'yesterday')).toBe(32_960_000);
  });
});
