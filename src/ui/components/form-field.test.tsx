import { renderToString } from 'preact-render-to-string';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EMPTY_SOATO, type AttachmentField, type FieldProblem, type ItemField } from '../../contract/index';
import { initI18n, setLocale, t } from '../../services/i18n';
import { FormField } from './form-field';

vi.mock('../use-store', () => ({ useStore: () => null }));

const label = { uz: 'Savol', 'uz-Cyrl': 'Савол', ru: 'Вопрос', en: 'Question' };
const draw = (field: ItemField | AttachmentField, value: string, problem?: FieldProblem['code'], note?: string) => renderToString(
  <FormField field={field} answers={{ [field.id]: value }} soato={EMPTY_SOATO} required onChange={() => undefined}
    problem={problem ? { field: field.id, code: problem, severity: 'error' } : undefined} photoNote={note} onRemove={() => undefined} />,
);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;|\u00A0/g, ' ').replace(/\s+/g, ' ').trim();
const attr = (html: string, id: string, name: string) => new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(html)?.[0].match(new RegExp(`${name}="([^"]*)"`))?.[1];

beforeAll(() => initI18n('en'));

describe('a date question', () => {
  const birth: ItemField = { id: 'applicantBirthDate', kind: 'date', label };
  const other: ItemField = { id: 'childBirthDate', kind: 'date', label };

  it('is a group of day, month and year boxes under the question, the day box with the id links focus', () => {
    const html = draw(birth, '1990-03-21');
    expect(html).toMatch(/^<fieldset[^>]*><legend>Question<\/legend>/);
    expect(text(html)).toContain(t('form.date.example'));
    expect(attr(html, 'field-applicantBirthDate', 'value')).toBe('21');
    expect(attr(html, 'field-applicantBirthDate-month', 'value')).toBe('03');
    expect(attr(html, 'field-applicantBirthDate-year', 'value')).toBe('1990');
    expect(attr(html, 'field-applicantBirthDate', 'inputmode')).toBe('numeric');
    expect(html).not.toContain('type="date"');
    for (const part of ['Day', 'Month', 'Year']) expect(html).toContain(`>${part}</label>`);
  });

  it('offers the birthday only for the applicant\'s own birth date', () => {
    expect(attr(draw(birth, ''), 'field-applicantBirthDate-year', 'autocomplete')).toBe('bday-year');
    expect(attr(draw(other, ''), 'field-childBirthDate-year', 'autocomplete')).toBe('off');
  });

  it('shows each box as typed while they are not a date, and marks only the box at fault', () => {
    const html = draw(other, '85-3-21', 'date_year_digits');
    expect(attr(html, 'field-childBirthDate', 'value')).toBe('21');
    expect(attr(html, 'field-childBirthDate-year', 'value')).toBe('85');
    expect(attr(html, 'field-childBirthDate-year', 'aria-invalid')).toBe('true');
    expect(attr(html, 'field-childBirthDate', 'aria-invalid')).toBeUndefined();
    expect(text(html)).toContain(t('validation.date_year_digits'));
  });
});

describe('a text question with a limit', () => {
  const name: ItemField = { id: 'lastName', kind: 'text', label, autocomplete: 'family-name', maxLength: 60 };

  it('takes more than the limit and counts, in the language\'s plural', async () => {
    expect(attr(draw(name, 'x'.repeat(61)), 'field-lastName', 'maxlength')).toBeUndefined();
    expect(text(draw(name, 'Karimova'))).toContain('You have 52 characters remaining');
    expect(text(draw(name, 'x'.repeat(59)))).toContain('You have 1 character remaining');
    // Drawn near the limit only; read with the field always.
    expect(draw(name, 'Karimova')).toMatch(/<p class="visually-hidden" id="field-lastName-count"/);
    expect(draw(name, 'x'.repeat(45))).toMatch(/<p class="hint char-count" id="field-lastName-count"/);
    expect(draw({ ...name, kind: 'multiline', maxLength: 500 }, '')).toMatch(/<p class="hint char-count" id="field-lastName-count"[^>]*>You have 500 characters remaining/);
    expect(attr(draw(name, ''), 'field-lastName', 'aria-describedby')).toBe('field-lastName-count');
    expect(text(draw({ ...name, maxLength: 2000 }, 'x'.repeat(6940)))).toContain('You have 4,940 characters too many');
    await setLocale('ru');
    expect(text(draw(name, 'x'.repeat(39)))).toContain('Остался 21 символ');
    expect(text(draw(name, 'x'.repeat(62)))).toContain('Лимит превышен на 2 символа');
    expect(text(draw(name, 'x'.repeat(65)))).toContain('Лимит превышен на 5 символов');
    expect(text(draw(name, 'x'.repeat(65), 'too_long'))).toContain('Введите не более 60 символов');
    await setLocale('uz');
    expect(text(draw(name, 'x'.repeat(65), 'too_long'))).toContain('Koʻpi bilan 60 ta belgi kiriting');
    await setLocale('en');
  });

  it('says what a name may hold when it holds something else', () => {
    expect(text(draw(name, 'Karimova2', 'name_format'))).toContain(t('validation.name_format'));
    expect(t('validation.name_format')).toMatch(/letters.*Latin.*Cyrillic.*hyphens.*apostrophes/);
  });
});

describe('a photo question', () => {
  const photo: AttachmentField = { id: 'documentPhoto', kind: 'photo', label };

  it('is the app\'s own button in the person\'s language over a hidden, focusable file input that keeps the camera', () => {
    const html = draw(photo, '');
    expect(attr(html, 'field-documentPhoto', 'class')).toBe('visually-hidden');
    expect(attr(html, 'field-documentPhoto', 'capture')).toBe('environment');
    expect(html).toContain(`<label for="field-documentPhoto" class="button">${t('form.attach.takePhoto')}</label>`);
    expect(text(html)).not.toContain(t('form.attach.removePhoto'));
  });

  it('offers Replace and Remove once a photo is attached', () => {
    const html = draw(photo, `sha256:${'a'.repeat(64)}`, undefined, t('form.photoKept'));
    expect(text(html)).toContain(t('form.attach.replacePhoto'));
    expect(text(html)).toContain(t('form.attach.removePhoto'));
    expect(text(html)).toContain(t('form.photoKept'));
  });
});
