import {
  MAX_ANSWER_CHARS, choiceOptions, datePartsAtFault, type Answers, type AttachmentField, type FieldProblem, type ItemField, type ScalarAnswer, type SoatoList,
} from '../../contract/index';
import { useT } from '../use-t';
import { AttachmentInput } from './attachment-input';
import { CharacterCount } from './character-count';
import { DateBoxes } from './date-boxes';
import { fieldDomId } from './field-dom-id';
import { problemMessage } from './problem-key';

interface Props {
  field: ItemField | AttachmentField;
  /** Answer path (itemPath inside a group); ids and problems use it. Defaults to the field id. */
  path?: string;
  /** The answers beside this one: the form's, or a group item's merged over the form's. */
  answers: Answers;
  problem: FieldProblem | undefined;
  soato: SoatoList;
  required: boolean;
  onChange: (value: ScalarAnswer) => void;
  /** Photo fields: a file was taken or picked. */
  onFile?: (file: File) => void;
  /** Photo fields: Remove was pressed. */
  onRemove?: () => void;
  /** Photo fields: what to say under the control (attached and its size, preparing, failed). */
  photoNote?: string | undefined;
  /** Computed fields: the value to show, already formatted. */
  computed?: string | undefined;
}

/** Input attributes by kind: the right keyboard on a phone and the browser's autofill. */
const INPUT_ATTRS: Partial<Record<ItemField['kind'], Record<string, unknown>>> = {
  // No maxLength: a PINFL copied in groups ("3150 7900 0100 13") is longer than its 14 digits until the spaces go.
  pinfl: { inputMode: 'numeric', autocomplete: 'off', spellcheck: false },
  phone: { type: 'tel', autocomplete: 'tel', inputMode: 'tel' },
  email: { type: 'email', autocomplete: 'email', spellcheck: false },
  passport: { autocomplete: 'off', spellcheck: false, autocapitalize: 'characters', maxLength: 12 },
  number: { inputMode: 'decimal' },
};

/**
 * A date question that asks the applicant's own birth date, where the browser may offer their
 * birthday: forms name the applicant's own details `applicant…`; any other birth date (a child's,
 * the person a certificate is for) is someone else's, and autofill would put the wrong one in.
 */
const OWN_BIRTH_DATE_IDS: ReadonlySet<string> = new Set(['applicantBirthDate']);

/** One question of a form: its label, hint, inline error and the control for its kind. */
export function FormField({ field, path = field.id, answers, problem, soato, required, onChange, onFile, onRemove, photoNote, computed }: Props) {
  const { t, pick, locale } = useT();
  const id = fieldDomId(path);
  const value = answers[field.id];
  const text = typeof value === 'string' ? value : '';
  // A date always has a hint: the example of how to fill its boxes.
  const hintId = field.hint || field.kind === 'date' ? `${id}-hint` : undefined;
  const errorId = problem ? `${id}-error` : undefined;
  // Text with a limit counts its characters under the field; the count describes it too.
  const limit = (field.kind === 'text' || field.kind === 'multiline') && field.maxLength !== undefined ? Math.min(field.maxLength, MAX_ANSWER_CHARS) : undefined;
  const countId = limit !== undefined ? `${id}-count` : undefined;
  const describedBy = [hintId, errorId, countId].filter(Boolean).join(' ') || undefined;
  const common = { id, name: path, 'aria-describedby': describedBy, 'aria-invalid': problem?.severity === 'error' ? true : undefined };
  const optional = !required && field.kind !== 'consent' && field.kind !== 'computed' ? <span class="muted"> {t('form.optional')}</span> : null;
  const hint = field.hint ? <p class="hint" id={hintId}>{pick(field.hint)}</p> : null;
  const error = problem ? (
    <p class={problem.severity === 'error' ? 'field-error' : 'field-warning'} id={errorId}>{t(...problemMessage(problem.code, field, locale))}</p>
  ) : null;
  const onInput = (e: Event) => onChange((e.currentTarget as HTMLInputElement).value);
  const boxClass = `field${problem ? ' has-error' : ''}`;

  if (field.kind === 'computed') {
    return (
      <div class="field computed">
        <p class="label" id={`${id}-label`}>{pick(field.label)}</p>{hint}
        <output id={id} aria-labelledby={`${id}-label`} aria-live="polite" data-testid={`computed-${field.id}`}>{computed ?? '—'}</output>
      </div>
    );
  }
  if (field.kind === 'consent') {
    return (
      <div class={`${boxClass} consent`}>
        {error}
        <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />
        <label for={id}>{pick(field.label)}</label>
        {hint}
      </div>
    );
  }
  if (field.kind === 'choice') {
    const ticked = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    const toggle = (option: string, on: boolean) => onChange(on ? [...ticked, option] : ticked.filter((v) => v !== option));
    return (
      <fieldset class={boxClass} aria-describedby={describedBy}>
        <legend>{pick(field.label)}{optional}</legend>
        {hint}{error}
        {choiceOptions(field, soato).map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div class="radio" key={option.value}>
              {field.multiple
                ? <input type="checkbox" id={optionId} name={path} value={option.value} checked={ticked.includes(option.value)}
                    onChange={(e) => toggle(option.value, (e.currentTarget as HTMLInputElement).checked)} />
                : <input type="radio" id={optionId} name={path} value={option.value} checked={text === option.value} onChange={onInput} />}
              <label for={optionId}>{pick(option.label)}</label>
            </div>
          );
        })}
      </fieldset>
    );
  }
  if (field.kind === 'date') {
    // A group of boxes: the question is the legend, each box labelled Day, Month, Year.
    const faults = problem?.severity === 'error' ? datePartsAtFault(text) : [];
    return (
      <fieldset class={`${boxClass} date`} aria-describedby={describedBy}>
        <legend>{pick(field.label)}{optional}</legend>
        <p class="hint" id={hintId}>{field.hint ? <>{pick(field.hint)}<br /></> : null}{t('form.date.example')}</p>
        {error}
        <DateBoxes id={id} name={path} value={text} describedBy={errorId} ownBirthDate={OWN_BIRTH_DATE_IDS.has(field.id)}
          faults={faults.length > 0 || !problem ? faults : ['day', 'month', 'year']} onChange={onChange} />
      </fieldset>
    );
  }
  let control;
  if (field.kind === 'photo' || field.kind === 'file') {
    control = (
      <AttachmentInput field={field} id={id} name={path} value={text} describedBy={describedBy} invalid={common['aria-invalid'] === true}
        note={photoNote} onFile={onFile} onRemove={onRemove} />
    );
  } else if (field.kind === 'region' || field.kind === 'district') {
    const region = field.kind === 'district' ? answers[field.regionField] : undefined;
    const options = field.kind === 'region' ? soato.regions : soato.districts.filter((d) => d.region === region);
    control = (
      <select {...common} value={text} onChange={onInput} disabled={field.kind === 'district' && !region}>
        <option value="">{field.kind === 'district' && !region ? t('form.regionFirst') : t('form.choose')}</option>
        {options.map((o) => <option key={o.code} value={o.code}>{pick(o.name)}</option>)}
      </select>
    );
  } else if (field.kind === 'multiline') {
    control = <textarea {...common} rows={4} value={text} onInput={onInput} />;
  } else {
    // No maxLength attribute: it cut a pasted name short without a word; the count says so instead.
    const attrs = field.kind === 'text' ? { autocomplete: field.autocomplete } : INPUT_ATTRS[field.kind];
    control = <input type="text" {...common} {...attrs} value={text} onInput={onInput} />;
  }
  return (
    <div class={boxClass}>
      <label for={id}>{pick(field.label)}{optional}</label>
      {hint}{error}{control}
      {limit !== undefined && countId ? <CharacterCount id={countId} text={text} limit={limit} always={field.kind === 'multiline'} /> : null}
    </div>
  );
}
