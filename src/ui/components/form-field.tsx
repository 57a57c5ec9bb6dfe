import { choiceOptions, type Answers, type AttachmentField, type FieldProblem, type ItemField, type ScalarAnswer, type SoatoList } from '../../contract/index';
import { useT } from '../use-t';
import { fieldDomId } from './field-dom-id';
import { problemKey } from './problem-key';

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
  date: { type: 'date' },
};

/** One question of a form: its label, hint, inline error and the control for its kind. */
export function FormField({ field, path = field.id, answers, problem, soato, required, onChange, onFile, photoNote, computed }: Props) {
  const { t, pick } = useT();
  const id = fieldDomId(path);
  const value = answers[field.id];
  const text = typeof value === 'string' ? value : '';
  const hintId = field.hint ? `${id}-hint` : undefined;
  const errorId = problem ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const common = { id, name: path, 'aria-describedby': describedBy, 'aria-invalid': problem?.severity === 'error' ? true : undefined };
  const optional = !required && field.kind !== 'consent' && field.kind !== 'computed' ? <span class="muted"> {t('form.optional')}</span> : null;
  const hint = field.hint ? <p class="hint" id={hintId}>{pick(field.hint)}</p> : null;
  const error = problem ? (
    <p class={problem.severity === 'error' ? 'field-error' : 'field-warning'} id={errorId}>{t(problemKey(problem.code, field.kind))}</p>
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
  let control;
  if (field.kind === 'photo') {
    control = (
      <>
        <input type="file" accept="image/*" capture="environment" {...common}
          onChange={(e) => { const file = (e.currentTarget as HTMLInputElement).files?.[0]; if (file) onFile?.(file); }} />
        {photoNote ? <p class="muted" role="status" data-testid={`photo-note-${field.id}`}>{photoNote}</p> : null}
      </>
    );
  } else if (field.kind === 'file') {
    control = (
      <>
        <input type="file" accept={field.accept.join(',')} {...common}
          onChange={(e) => { const file = (e.currentTarget as HTMLInputElement).files?.[0]; if (file) onFile?.(file); }} />
        {photoNote ? <p class="muted" role="status" data-testid={`photo-note-${field.id}`}>{photoNote}</p> : null}
      </>
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
    control = <textarea {...common} rows={4} maxLength={field.maxLength} value={text} onInput={onInput} />;
  } else {
    const attrs = field.kind === 'text' ? { maxLength: field.maxLength, autocomplete: field.autocomplete } : INPUT_ATTRS[field.kind];
    control = <input type="text" {...common} {...attrs} value={text} onInput={onInput} />;
  }
  return (
    <div class={boxClass}>
      <label for={id}>{pick(field.label)}{optional}</label>
      {hint}{error}{control}
    </div>
  );
}
