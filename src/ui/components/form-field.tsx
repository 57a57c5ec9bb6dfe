import type { Answers, FieldDefinition, FieldProblem, SoatoList } from '../../contract/index';
import { useT } from '../use-t';

interface Props {
  field: FieldDefinition;
  answers: Answers;
  problem: FieldProblem | undefined;
  soato: SoatoList;
  onChange: (value: string | boolean) => void;
  /** Photo fields: a file was taken or picked. */
  onFile?: (file: File) => void;
  /** Photo fields: what to say under the control (attached and its size, preparing, failed). */
  photoNote?: string | undefined;
}

/** One question of a form: its label, hint, inline error and the control for its kind. */
export function FormField({ field, answers, problem, soato, onChange, onFile, photoNote }: Props) {
  const { t, pick } = useT();
  const id = `field-${field.id}`;
  const value = answers[field.id];
  const text = typeof value === 'string' ? value : '';
  const hintId = field.hint ? `${id}-hint` : undefined;
  const errorId = problem ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const common = { id, name: field.id, 'aria-describedby': describedBy, 'aria-invalid': problem?.severity === 'error' ? true : undefined };
  const optional = !field.required && field.kind !== 'consent' ? <span class="muted"> {t('form.optional')}</span> : null;
  const hint = field.hint ? <p class="hint" id={hintId}>{pick(field.hint)}</p> : null;
  const error = problem ? (
    <p class={problem.severity === 'error' ? 'field-error' : 'field-warning'} id={errorId}>{t(`validation.${problem.code}`)}</p>
  ) : null;
  const onInput = (e: Event) => onChange((e.currentTarget as HTMLInputElement).value);

  if (field.kind === 'consent') {
    return (
      <div class={`field consent${problem ? ' has-error' : ''}`}>
        {error}
        <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />
        <label for={id}>{pick(field.label)}</label>
        {hint}
      </div>
    );
  }
  if (field.kind === 'choice') {
    return (
      <fieldset class={`field${problem ? ' has-error' : ''}`} aria-describedby={describedBy}>
        <legend>{pick(field.label)}{optional}</legend>
        {hint}{error}
        {field.options.map((option, index) => (
          <div class="radio" key={option.value}>
            <input type="radio" id={index === 0 ? id : `${id}-${option.value}`} name={field.id} value={option.value}
              checked={text === option.value} onChange={onInput} />
            <label for={index === 0 ? id : `${id}-${option.value}`}>{pick(option.label)}</label>
          </div>
        ))}
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
    const attrs = field.kind === 'pinfl' ? { inputMode: 'numeric' as const, maxLength: 14, autocomplete: 'off', spellcheck: false }
      : field.kind === 'phone' ? { type: 'tel', autocomplete: 'tel', inputMode: 'tel' as const }
      : field.kind === 'date' ? { type: 'date' }
      : field.kind === 'text' ? { maxLength: field.maxLength, autocomplete: field.autocomplete } : {};
    control = <input type="text" {...common} {...attrs} value={text} onInput={onInput} />;
  }
  return (
    <div class={`field${problem ? ' has-error' : ''}`}>
      <label for={id}>{pick(field.label)}{optional}</label>
      {hint}{error}{control}
    </div>
  );
}
