import { describe, expect, it } from 'vitest';
import { checkAnswer } from './check-answer';
import { attachmentRef } from './attachment-ref';
import { sniffFileType } from './file-type';
import type { FileField } from './form-definition';
import { SAMPLE_SOATO } from './test-support/sample-form';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('sniffFileType', () => {
  it('knows PDF, JPEG and PNG by their first bytes, and nothing else', () => {
    expect(sniffFileType(text('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(sniffFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    // A PNG header cut short, a text file named .pdf, an executable, nothing at all.
    expect(sniffFileType(bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull();
    expect(sniffFileType(text('PDF document'))).toBeNull();
    expect(sniffFileType(text('MZ\u0090\u0000'))).toBeNull();
    expect(sniffFileType(new Uint8Array())).toBeNull();
  });
});

describe('a file field\'s answer', () => {
  const field: FileField = { id: 'scan', kind: 'file', accept: ['application/pdf'], label: { uz: 'a', 'uz-Cyrl': 'а', ru: 'а', en: 'a' } };
  const context = { soato: SAMPLE_SOATO, today: '2026-11-30', sibling: () => undefined };
  it('is a reference to a file kept on the phone, as for a photo', () => {
    expect(checkAnswer(field, attachmentRef('a'.repeat(64)), true, context)).toBeNull();
    expect(checkAnswer(field, 'diploma.pdf', true, context)).toBe('attachment_invalid');
    expect(checkAnswer(field, undefined, true, context)).toBe('required');
  });
});
